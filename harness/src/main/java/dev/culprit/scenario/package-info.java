/**
 * The pinned scenario file: loading, strict validation, overrides. Knows nothing of git, Maven or
 * JMH processes; it only describes them.
 */
package dev.culprit.scenario;

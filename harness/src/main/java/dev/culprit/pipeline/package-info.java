/**
 * Composes git, build, measure and store into the real {@code Measurer}. The searches see only the
 * interface; this package is the one place that knows how a commit becomes a measurement.
 */
package dev.culprit.pipeline;

/**
 * {@code culprit init}: reads a repository's build files (Maven poms, Gradle scripts) and its JMH
 * benchmarks, and writes a starter scenario, plus a pinned benchmark module when there is none.
 * Runs nothing: {@code culprit doctor --scenario} checks what it wrote.
 */
package dev.culprit.init;

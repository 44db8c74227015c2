/**
 * bisect: the search over the commit graph (git's semantics, skips, skip-away), the step rule, and
 * the {@code Bisector} that drives the search with measurements and per-step verdicts. Owns the
 * bisect result ({@code BisectReport}, {@code BisectStatus}, {@code StepRole}, {@code
 * Verification}). Sees commits only through {@code measure.Measurer} (and the pipeline's fork
 * pairing); never builds, runs JMH, writes report files or renders.
 */
package dev.culprit.bisect;

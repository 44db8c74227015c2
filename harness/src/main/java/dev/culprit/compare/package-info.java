/**
 * A/B comparison of two commits (or a commit and a saved baseline): forks run interleaved in a
 * balanced order (A B, B A, ...) through {@code pipeline.PairedForks}, the persistent pairing that
 * bisect steps use too, so drift of the machine hits both sides alike and a killed comparison
 * resumes; forks are the units of evidence; verdicts come from {@code stats}. Also saved baselines.
 * Sees commits only through {@code measure.Measurer}.
 */
package dev.culprit.compare;

/**
 * Composes git, build, measure and store into the real {@code Measurer} ({@code PipelineMeasurer},
 * opened by the {@code Workbench}), and the persistent pairing of interleaved forks ({@code
 * PairedForks}, typed against the {@code Measurer}). This package is the one place that knows how a
 * commit becomes a measurement.
 */
package dev.culprit.pipeline;

/**
 * JMH launch and JSON parsing, the HdrHistogram conversion, {@code Measurement}, the pinned JMH
 * options, the environment a run was measured in, the figures and units of a measurement, and the
 * {@code Measurer} interface the searches, comparisons and pairing use. Does not decide verdicts
 * (that is {@code stats}) and knows nothing of the results folder or the scenario file.
 */
package dev.culprit.measure;

/**
 * JMH launch and JSON parsing, the HdrHistogram conversion, {@code Measurement} and the
 * {@code Measurer} interface the searches use. Does not decide verdicts (that is {@code stats}).
 */
package dev.culprit.measure;

package dev.culprit.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a commit's {@code oracle:} printed: the sha256 of its stdout and the file holding it, or why
 * there is none ({@code failure}: the build or the oracle failed).
 */
public record OracleOutput(String sha, String digest, Path output, String failure) {
  static OracleOutput of(String sha, Path output, String failure) {
    if (output == null) {
      return new OracleOutput(sha, null, null, failure);
    }
    try {
      return new OracleOutput(sha, PipelineMeasurer.sha256(Files.readString(output)), output, null);
    } catch (IOException e) {
      return new OracleOutput(sha, null, null, "cannot read " + output + ": " + e.getMessage());
    }
  }
}

package dev.culprit.workload;

/**
 * One access-log entry.
 *
 * @param epochSecond the request time, seconds since 1970-01-01T00:00Z
 * @param latencyMicros the request's service time as logged, in microseconds
 */
public record LogRecord(
    String ip,
    long epochSecond,
    String method,
    String path,
    int status,
    long bytes,
    long latencyMicros,
    String userAgent) {

  public boolean isError() {
    return status >= 500;
  }
}

package dev.culprit.measure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The scenario's pinned JMH options; {@code timeout} bounds one JMH process. */
public record JmhOptions(
    String include,
    Map<String, List<String>> params,
    int forks,
    int warmupIterations,
    Duration warmupTime,
    int iterations,
    Duration time,
    List<String> jvmArgs,
    Duration timeout) {
  public JmhOptions {
    params = Map.copyOf(params);
    jvmArgs = List.copyOf(jvmArgs);
  }

  /**
   * A generous bound for one fork: warmup + measurement, times three, plus JVM start-up; at most
   * {@link #LONGEST_TIMEOUT} (so that no product of large settings overflows a deadline).
   */
  public Duration timeoutFor(int forkCount) {
    try {
      Duration t =
          timeout != null
              ? timeout.multipliedBy(Math.max(1, forkCount))
              : warmupTime
                  .multipliedBy(warmupIterations)
                  .plus(time.multipliedBy(iterations))
                  .multipliedBy(3)
                  .plusSeconds(30)
                  .multipliedBy(Math.max(1, forkCount));
      return t.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : t;
    } catch (ArithmeticException e) {
      return LONGEST_TIMEOUT;
    }
  }

  /** A year: longer than any benchmark, short enough for every clock computation. */
  public static final Duration LONGEST_TIMEOUT = Duration.ofDays(365);

  public JmhOptions withForks(int newForks) {
    return new JmhOptions(
        include,
        params,
        newForks,
        warmupIterations,
        warmupTime,
        iterations,
        time,
        jvmArgs,
        timeout);
  }
}

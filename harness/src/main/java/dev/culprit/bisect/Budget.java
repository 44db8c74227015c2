package dev.culprit.bisect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.culprit.error.CulpritException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole bisect's limits ({@code --max-forks}, {@code --max-time}): the search asks {@link
 * #spent()} between forks and steps and, once it is, stops with the candidates it still has (exit
 * 3) instead of growing an unsure step without end. The forks counted are every JMH fork this
 * invocation ran (search, verification, profiles: stored forks reused from an earlier run cost
 * nothing), read from {@code forksUsed}; the time is wall time since the budget was made.
 *
 * <p>A limit of 0 (forks) or null (time) means none: {@link #unlimited()} never runs out.
 */
public final class Budget {
  /** What the budget allowed and what the run used, for {@code --json} ("budget"). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Use(
      Integer maxForks, Double maxSeconds, int forks, double seconds, boolean spent) {}

  private final int maxForks;
  private final Duration maxTime;
  private final LongSupplier nanoClock;
  private final long start;
  private IntSupplier forksUsed = () -> 0;
  private String options = "--max-forks/--max-time";

  private Budget(int maxForks, Duration maxTime, LongSupplier nanoClock) {
    this.maxForks = maxForks;
    this.maxTime = maxTime;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  /** No limit: {@link #spent()} is always false. */
  public static Budget unlimited() {
    return new Budget(0, null, System::nanoTime);
  }

  /**
   * @param maxForks most JMH forks in all, 0 for no limit
   * @param maxTime most wall time, null for no limit
   */
  public static Budget of(int maxForks, Duration maxTime) {
    return of(maxForks, maxTime, System::nanoTime);
  }

  /** With a clock of its own (simulations and tests). */
  public static Budget of(int maxForks, Duration maxTime, LongSupplier nanoClock) {
    if (maxForks < 0) {
      throw CulpritException.usage(
          "--max-forks " + maxForks + " is negative; pass a number of forks of 1 or more");
    }
    if (maxTime != null && (maxTime.isZero() || maxTime.isNegative())) {
      throw CulpritException.usage(
          "--max-time " + maxTime + " is not positive; pass a duration such as 90s, 10m or 1h");
    }
    return new Budget(maxForks, maxTime, nanoClock);
  }

  /** Where the forks used so far are counted (set by the flow that owns the measurers). */
  public Budget countingFrom(IntSupplier forksUsed) {
    this.forksUsed = forksUsed;
    return this;
  }

  /**
   * The options that set this budget, named when it is spent ("raise --gap-max-forks"); a bisect's
   * are {@code --max-forks/--max-time}.
   */
  public Budget setBy(String options) {
    this.options = options;
    return this;
  }

  /** The options a user raises to give a spent budget more room. */
  public String options() {
    return options;
  }

  public boolean limited() {
    return maxForks > 0 || maxTime != null;
  }

  /** True once the forks or the time are used up: start nothing new. */
  public boolean spent() {
    return (maxForks > 0 && forksUsed() >= maxForks)
        || (maxTime != null && nanoClock.getAsLong() - start >= maxTime.toNanos());
  }

  /** Forks still allowed ({@link Integer#MAX_VALUE} without a fork limit; never negative). */
  public int forksLeft() {
    return maxForks == 0 ? Integer.MAX_VALUE : Math.max(0, maxForks - forksUsed());
  }

  public int forksUsed() {
    return forksUsed.getAsInt();
  }

  public double secondsUsed() {
    return (nanoClock.getAsLong() - start) / 1e9;
  }

  /** What was allowed and used; null without limits (the JSON then has no "budget"). */
  public Use use() {
    if (!limited()) {
      return null;
    }
    return new Use(
        maxForks == 0 ? null : maxForks,
        maxTime == null ? null : maxTime.toMillis() / 1000.0,
        forksUsed(),
        Math.round(secondsUsed() * 10) / 10.0,
        spent());
  }

  /** "the budget (12 forks, 10m) is spent: 12 forks in 3m 2s". */
  public String describe() {
    StringBuilder limits = new StringBuilder();
    if (maxForks > 0) {
      limits.append(maxForks).append(" forks");
    }
    if (maxTime != null) {
      limits.append(limits.length() > 0 ? ", " : "").append(format(maxTime));
    }
    return String.format(
        Locale.ROOT,
        "the budget (%s) is spent: %d forks in %s",
        limits,
        forksUsed(),
        format(Duration.ofMillis(Math.round(secondsUsed() * 1000))));
  }

  private static final Pattern DURATION =
      Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?\\s*");

  /**
   * A duration as people write it: {@code 90s}, {@code 10m}, {@code 1.5h}, {@code 500ms}; a bare
   * number is seconds. Anything else is a one-line usage error naming {@code option}.
   */
  public static Duration parseDuration(String option, String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw CulpritException.usage(
          option + " '" + text + "' is not a duration; write it like 90s, 10m or 1h");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    double millis =
        switch (unit) {
          case "ms" -> v;
          case "m", "min" -> v * 60_000;
          case "h" -> v * 3_600_000;
          default -> v * 1000;
        };
    if (millis < 1) {
      throw CulpritException.usage(
          option + " '" + text + "' is not positive; write a duration such as 90s, 10m or 1h");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
    }
    return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
  }
}

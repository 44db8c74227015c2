package dev.culprit.bisect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.culprit.error.CulpritException;
import dev.culprit.stats.StepRule;
import java.util.Locale;

/**
 * What a bisect hunts: the first commit that made the benchmark slower (a regression, the default)
 * or the first that made it faster (a fix to backport, or to credit), like git bisect's {@code
 * --term-old/--term-new} and asv's {@code find --invert}.
 *
 * <p>A speed-up hunt is a regression hunt on mirrored values: every per-fork value is judged as its
 * reciprocal ({@link #mirror}), so a commit 1.25x faster than the old endpoint is, to the unchanged
 * statistics and search, a commit "1.25x slower" in 1/value, and the threshold keeps its meaning
 * ("10 %" = at least 1.1x faster). The reciprocal, not a negated logarithm: the judge works on
 * ratios of positive values, and 1/a over 1/b is exactly b over a.
 */
public enum Hunt {
  /** The first commit beyond the threshold slower than the good (old) endpoint. */
  SLOWER,
  /** The first commit beyond the threshold faster than the old endpoint. */
  FASTER;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Hunt of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** Parses {@code --hunt}; a one-line usage error names the value and the choices. */
  public static Hunt parse(String text) {
    for (Hunt h : values()) {
      if (h.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return h;
      }
    }
    throw CulpritException.usage(
        "unknown --hunt '" + text + "'; use slower (a regression, the default) or faster");
  }

  /** The rule that judges this hunt: {@code rule} itself, or {@code rule} on reciprocal values. */
  public StepRule mirror(StepRule rule) {
    if (this == SLOWER) {
      return rule;
    }
    return (good, bad, candidate, threshold) ->
        rule.judge(reciprocal(good), reciprocal(bad), reciprocal(candidate), threshold);
  }

  /** {@code value} as the judge of this hunt sees it. */
  public double judged(double value) {
    return this == SLOWER ? value : 1 / value;
  }

  static double[] reciprocal(double[] values) {
    double[] r = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = 1 / values[i];
    }
    return r;
  }

  /** "regression" or "speed-up". */
  public String change() {
    return this == SLOWER ? "regression" : "speed-up";
  }

  /** The endpoint terms: good/bad for a regression, old/new for a speed-up. */
  public String oldTerm() {
    return this == SLOWER ? "good" : "old";
  }

  public String newTerm() {
    return this == SLOWER ? "bad" : "new";
  }
}

package dev.culprit.compare;

import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.Comparison;
import dev.culprit.stats.Decision;
import dev.culprit.stats.ForkComparator;
import dev.culprit.stats.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Interleaved A/B with adaptive forks: start at the policy's minimum per side, ask the policy, add
 * forks to both sides (doubling) while it is unsure, up to the budget. Every metric gets a row; the
 * chosen metric decides the verdict and the exit code.
 */
public final class AdaptiveComparison {
  static final long SEED = 20261123L;

  private AdaptiveComparison() {}

  /** Who is compared: two commits, or a saved baseline (fixed) and a commit. */
  public record Sides(
      Measurer baseMeasurer,
      String baseSha,
      String baseSubject,
      Baseline baseline,
      Measurer candidateMeasurer,
      String candidateSha,
      String candidateSubject) {}

  public static CompareReport run(
      Sides s,
      Metric metric,
      double threshold,
      AdaptivePolicy policy,
      List<String> warnings,
      BiConsumer<String, Integer> progress) {
    List<ForkStats> fixed = s.baseline() == null ? null : s.baseline().forks();
    return run(
        s,
        metric,
        threshold,
        policy,
        warnings,
        progress,
        new Interleaver(
            s.baseline() == null ? s.baseMeasurer() : null,
            s.baseSha(),
            s.candidateMeasurer(),
            s.candidateSha(),
            fixed,
            progress));
  }

  /**
   * Two commits compared starting from forks already measured ({@code seedBase}, {@code
   * seedCandidate}): only the forks the policy still asks for run, interleaved; the report's {@code
   * order} lists just those.
   */
  public static CompareReport topUp(
      Sides s,
      Metric metric,
      double threshold,
      AdaptivePolicy policy,
      List<String> warnings,
      BiConsumer<String, Integer> progress,
      List<ForkStats> seedBase,
      List<ForkStats> seedCandidate) {
    return run(
        s,
        metric,
        threshold,
        policy,
        warnings,
        progress,
        new Interleaver(
            s.baseMeasurer(),
            s.baseSha(),
            s.candidateMeasurer(),
            s.candidateSha(),
            seedBase,
            seedCandidate,
            progress));
  }

  private static CompareReport run(
      Sides s,
      Metric metric,
      double threshold,
      AdaptivePolicy policy,
      List<String> warnings,
      BiConsumer<String, Integer> progress,
      Interleaver il) {
    long t0 = System.nanoTime();
    il.growTo(policy.minForks());
    Decision d;
    while (true) {
      d = policy.decide(values(il.a(), metric), values(il.b(), metric), threshold);
      if (d instanceof Decision.Final) {
        break;
      }
      Decision.NeedMore more = (Decision.NeedMore) d;
      int target =
          Math.max(
              il.b().size() + more.moreCandidateForks(),
              (s.baseline() == null ? il.a().size() : 0) + more.moreBaseForks());
      if (s.baseline() != null && more.moreCandidateForks() == 0) {
        break; // the baseline cannot grow: decide with what there is
      }
      il.growTo(target);
    }
    Comparison main = d.comparison();
    List<CompareReport.Row> rows = new ArrayList<>();
    Map<String, Map<String, double[]>> perFork = new LinkedHashMap<>();
    perFork.put("base", new LinkedHashMap<>());
    perFork.put("candidate", new LinkedHashMap<>());
    for (Metric m : Metric.values()) {
      double[] a = values(il.a(), m);
      double[] b = values(il.b(), m);
      perFork.get("base").put(m.label(), a);
      perFork.get("candidate").put(m.label(), b);
      if (Arrays.stream(a).anyMatch(v -> !Double.isFinite(v))
          || Arrays.stream(b).anyMatch(v -> !Double.isFinite(v))
          || a.length < 2
          || b.length < 2) {
        continue;
      }
      Comparison c =
          m == metric && main != null
              ? main
              : ForkComparator.withSeed(SEED).compare(a, b, threshold);
      double ks = KolmogorovSmirnovTest.withDefaults().test(a, b).getPValue();
      rows.add(
          new CompareReport.Row(
              m.label(),
              median(a),
              median(b),
              c.ratio(),
              c.ciLowRatio(),
              c.ciHighRatio(),
              c.pValue(),
              ks,
              label(c.verdict())));
      if (m == metric
          && main != null
          && ks <= 1 - main.confidence()
          && main.verdict() != Verdict.SLOWER
          && main.verdict() != Verdict.FASTER) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "the per-fork %s values differ in distribution (Kolmogorov-Smirnov p=%.4f) more than in level (Mann-Whitney p=%.4f):"
                    + " look for bimodal forks (JIT luck) or a changed spread in the per-fork values of --json",
                m.label(),
                ks,
                c.pValue()));
      }
    }
    String verdict = main == null ? "inconclusive" : label(main.verdict());
    if (main != null && main.verdict() == Verdict.SAME && il.a().size() < policy.minForks()) {
      warnings.add(
          "the baseline has only "
              + il.a().size()
              + " forks; save it with more for firmer verdicts");
    }
    return new CompareReport(
        new CompareReport.Side(
            s.baseSha(), s.baseSubject(), s.baseline() == null ? null : s.baseline().name()),
        new CompareReport.Side(s.candidateSha(), s.candidateSubject(), null),
        metric.label(),
        threshold,
        "fork",
        Math.min(il.a().size(), il.b().size()),
        il.order(),
        rows,
        verdict,
        List.copyOf(warnings),
        perFork,
        Math.round((System.nanoTime() - t0) / 1e8) / 10.0,
        null);
  }

  static String label(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  static double[] values(List<ForkStats> forks, Metric m) {
    return forks.stream().mapToDouble(m::of).toArray();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0
        ? Double.NaN
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}

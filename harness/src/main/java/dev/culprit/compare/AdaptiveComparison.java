package dev.culprit.compare;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.AllocBookkeeping;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.Comparison;
import dev.culprit.stats.Decision;
import dev.culprit.stats.ForkComparator;
import dev.culprit.stats.Verdict;
import dev.culprit.store.ResultStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Interleaved A/B with adaptive forks: start at the policy's minimum per side, ask the policy, add
 * forks to both sides (doubling) while it is unsure, up to the budget. Every metric gets a row; the
 * chosen metric decides the verdict and the exit code.
 *
 * <p>The forks come from a {@link PairedForks} pairing with the base as its reference, opened by
 * the base: A B, B A, A B, ... Given a recorded pairing, a comparison killed mid-way and run again
 * reads back the forks that finished (counted in the report's {@code reusedForks}) and runs only
 * the rest; a rerun with the same budget runs none and reaches the same verdict. Against a saved
 * baseline the base never runs (its forks are the saved ones) and the pairing records the
 * candidate's forks only, keyed on the baseline's content ({@link Baselines#pairingKey}), so a
 * baseline compare resumes the same way. Either side failing to build or run is an untestable
 * comparison (exit 125); the forks that finished are kept.
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

  /**
   * Compares the sides, two commits on {@code pairs} (recorded: resumable; see {@link #pairing}),
   * or a saved baseline against the candidate's forks on {@code pairs} (recorded by {@link
   * #pairing}: resumable; null: fresh forks, unrecorded). {@code progress} hears "A sha" or "B sha"
   * and the fork's number on that side before each fork.
   */
  public static CompareReport run(
      Sides s,
      Metric metric,
      double threshold,
      AdaptivePolicy policy,
      List<String> warnings,
      BiConsumer<String, Integer> progress,
      PairedForks pairs) {
    if (s.baseline() != null) {
      return run(
          s,
          metric,
          threshold,
          policy,
          warnings,
          progress,
          pairs != null
              ? pairs
              : PairedForks.unrecorded(null, s.candidateMeasurer(), PairedForks.Opening.REFERENCE),
          s.baseline().forks(),
          List.of());
    }
    return run(s, metric, threshold, policy, warnings, progress, pairs, List.of(), List.of());
  }

  /**
   * The recorded pairing of a comparison: of two commits, the base is its reference and runs first;
   * against a baseline, the baseline is the fixed reference and only the candidate runs.
   */
  public static PairedForks pairing(Sides s, ResultStore store, String scenario) {
    if (s.baseline() != null) {
      return PairedForks.againstFixed(
          Baselines.pairingKey(s.baseline()), s.candidateMeasurer(), store, scenario);
    }
    return new PairedForks(
        s.baseMeasurer(), s.candidateMeasurer(), store, scenario, PairedForks.Opening.REFERENCE);
  }

  private static CompareReport run(
      Sides s,
      Metric metric,
      double threshold,
      AdaptivePolicy policy,
      List<String> warnings,
      BiConsumer<String, Integer> progress,
      PairedForks pairs,
      List<ForkStats> seedBase,
      List<ForkStats> seedCandidate) {
    long t0 = System.nanoTime();
    IntFunction<PairedForks.Result> grow =
        perSide -> {
          PairedForks.Result p =
              pairs.grow(
                  s.baseSha(),
                  s.candidateSha(),
                  perSide,
                  seedBase,
                  seedCandidate,
                  (side, sha, n) -> progress.accept(letter(side) + " " + sha.substring(0, 10), n));
          if (p.failure() != null) {
            String side = letter(p.failedSide());
            String sha = side.equals("A") ? s.baseSha() : s.candidateSha();
            throw new CulpritException(
                ExitCode.UNTESTABLE,
                "side " + side + " (" + sha.substring(0, 10) + ") is untestable: " + p.failure());
          }
          return p;
        };
    PairedForks.Result forks = grow.apply(policy.minForks());
    Decision d;
    while (true) {
      d =
          policy.decide(
              values(forks.reference(), metric), values(forks.candidate(), metric), threshold);
      if (d instanceof Decision.Final) {
        break;
      }
      Decision.NeedMore more = (Decision.NeedMore) d;
      int target =
          Math.max(
              forks.candidate().size() + more.moreCandidateForks(),
              (s.baseline() == null ? forks.reference().size() : 0) + more.moreBaseForks());
      if (s.baseline() != null && more.moreCandidateForks() == 0) {
        break; // the baseline cannot grow: decide with what there is
      }
      forks = grow.apply(target);
    }
    Comparison main = d.comparison();
    List<CompareReport.Row> rows = new ArrayList<>();
    Map<String, Map<String, double[]>> perFork = new LinkedHashMap<>();
    perFork.put("base", new LinkedHashMap<>());
    perFork.put("candidate", new LinkedHashMap<>());
    boolean bookkeepingOnly = false;
    for (Metric m : Metric.values()) {
      double[] a = values(forks.reference(), m);
      double[] b = values(forks.candidate(), m);
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
      Verdict rowVerdict = c.verdict();
      if (m == Metric.ALLOC && (rowVerdict == Verdict.SLOWER || rowVerdict == Verdict.FASTER)) {
        // a benchmark that allocates (almost) nothing reads JMH's own allocation, which follows
        // its time per op: not a change in the code's allocation
        double ta = median(values(forks.reference(), Metric.MEAN));
        double tb = median(values(forks.candidate(), Metric.MEAN));
        if (AllocBookkeeping.within(median(a), median(b), ta, tb)) {
          rowVerdict = Verdict.SAME;
          warnings.add(
              "alloc: "
                  + AllocBookkeeping.why(median(a), median(b), ta, tb)
                  + "; its verdict is 'same'");
          if (m == metric && main != null) {
            bookkeepingOnly = true;
          }
        }
      }
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
              rowVerdict));
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
    Verdict verdict =
        main == null ? Verdict.INCONCLUSIVE : bookkeepingOnly ? Verdict.SAME : main.verdict();
    // a baseline below the policy's first look never gets a comparison (the look needs minForks
    // per side and the baseline cannot grow): say why the verdict is inconclusive
    if (s.baseline() != null && forks.reference().size() < policy.minForks()) {
      warnings.add(
          "the baseline has only "
              + forks.reference().size()
              + " forks; save it with more for firmer verdicts");
    }
    return new CompareReport(
        new CompareReport.Side(
            s.baseSha(), s.baseSubject(), s.baseline() == null ? null : s.baseline().name()),
        new CompareReport.Side(s.candidateSha(), s.candidateSubject(), null),
        metric.label(),
        threshold,
        "fork",
        Math.min(forks.reference().size(), forks.candidate().size()),
        forks.order().stream().map(AdaptiveComparison::letter).toList(),
        forks.reused(),
        rows,
        verdict,
        List.copyOf(warnings),
        perFork,
        Math.round((System.nanoTime() - t0) / 1e8) / 10.0,
        null);
  }

  /** The report's name of a pairing's side: A the base (the reference), B the candidate. */
  private static String letter(String side) {
    return PairedForks.REFERENCE.equals(side) ? "A" : "B";
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

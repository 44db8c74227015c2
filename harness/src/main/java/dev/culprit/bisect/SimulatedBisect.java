package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import dev.culprit.stats.SimulatedHistory;
import dev.culprit.stats.SimulatedMachine;
import dev.culprit.stats.StepRule;
import dev.culprit.stats.StepVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One whole bisect of a {@link SimulatedHistory} on a {@link SimulatedMachine}, SIMULATED end to
 * end (no git, no build, no JMH), with every fork counted, references included. {@link #legacy}
 * runs the previous rule ({@code bisect --legacy-search}, {@link Bisector}'s: endpoints judged by
 * {@link StepRules#judge}, {@link BisectSearch} over the commits, each step's candidate forks
 * interleaved with fresh forks of the good endpoint, every side doubling while the rule is unsure).
 */
public final class SimulatedBisect {
  /** How a simulated bisect ended. */
  public enum Answer {
    /** One commit named. */
    CULPRIT,
    /** The endpoints show no regression beyond the threshold. */
    NO_REGRESSION,
    /** Several candidates left (skips, unsure steps, or a budget spent). */
    UNDECIDED
  }

  /**
   * @param answer how it ended
   * @param culprits the commits named (one for CULPRIT; two when a search reports a staircase)
   * @param forks every fork the bisect ran: endpoints, candidates, references
   * @param staircase whether the search reported commits between the two levels
   */
  public record Outcome(Answer answer, List<Integer> culprits, int forks, boolean staircase) {
    public Outcome {
      culprits = List.copyOf(culprits);
    }

    Outcome(Answer answer, List<Integer> culprits, int forks) {
      this(answer, culprits, forks, false);
    }

    /**
     * Right: a regression's culprit named (for a staircase, either step, or both), or "no
     * regression" for an A/A range.
     */
    public boolean right(SimulatedHistory h) {
      if (!h.regression()) {
        return answer == Answer.NO_REGRESSION;
      }
      return answer == Answer.CULPRIT
          && !culprits.isEmpty()
          && culprits.stream().allMatch(h::isCulprit);
    }
  }

  private SimulatedBisect() {}

  /**
   * The legacy rule as {@link Bisector} runs it with {@code --legacy-search}, on forks of {@code
   * machine}.
   *
   * @param minForks forks per side every judgement starts with (bisect: the scenario's forks, at
   *     least 3)
   * @param maxForks most forks per side (bisect's {@code --max-step-forks}, 12 by default)
   */
  public static Outcome legacy(
      SimulatedHistory h,
      SimulatedMachine machine,
      double thresholdRatio,
      int minForks,
      int maxForks,
      long seed) {
    StepRule rule = StepRules.judge(minForks, maxForks);
    Forks good = new Forks(h, machine, SimulatedHistory.GOOD);
    Forks bad = new Forks(h, machine, h.size() - 1);
    int k = minForks;
    good.growTo(k);
    bad.growTo(k);
    StepVerdict endpoints = rule.judge(good.first(k), bad.first(k), bad.first(k), thresholdRatio);
    while (endpoints == StepVerdict.UNSURE && 2 * k <= maxForks) {
      k *= 2;
      good.growTo(k);
      bad.growTo(k);
      endpoints = rule.judge(good.first(k), bad.first(k), bad.first(k), thresholdRatio);
    }
    if (endpoints != StepVerdict.BAD) {
      return new Outcome(Answer.NO_REGRESSION, List.of(), machine.forks());
    }
    List<CommitInfo> commits = commits(h);
    BisectSearch search = new BisectSearch(commits, SHA_GOOD, sha(h.size() - 1), sha -> true, seed);
    SearchResult result =
        search.run(
            c -> {
              int i = index(c.sha());
              if (h.isUntestable(i)) {
                return StepVerdict.UNTESTABLE; // the build fails: no fork runs
              }
              Forks reference = new Forks(h, machine, SimulatedHistory.GOOD);
              Forks candidate = new Forks(h, machine, i);
              int n = minForks;
              while (true) {
                interleave(reference, candidate, n);
                bad.growTo(n);
                StepVerdict v =
                    rule.judge(
                        reference.first(n), bad.first(n), candidate.first(n), thresholdRatio);
                if (v == StepVerdict.UNSURE && 2 * n <= maxForks) {
                  n *= 2;
                  continue;
                }
                return v;
              }
            });
    if (result.status() == SearchResult.Status.CULPRIT) {
      return new Outcome(Answer.CULPRIT, List.of(index(result.culprit())), machine.forks());
    }
    return new Outcome(Answer.UNDECIDED, List.of(), machine.forks());
  }

  /**
   * The engine (bisect's default): the endpoints judged first by {@link SequentialEndpoints} (is
   * there a regression beyond the threshold at all? pairs of endpoint forks in a balanced order
   * until the sequential test decides, at most {@link SequentialEndpoints#CAP_PER_STEP} x {@code
   * maxForks} per side, as {@link Bisector} does), then {@link BisectEngine#levels} on the same
   * forks (grown while the levels are close) and {@link BisectEngine#run}.
   *
   * @param maxForks most forks per probe (and per endpoint for the levels)
   */
  public static Outcome engine(
      SimulatedHistory h,
      SimulatedMachine machine,
      double thresholdRatio,
      double confidence,
      int minForks,
      int maxForks,
      long seed) {
    SimulatedHistoryForks source = new SimulatedHistoryForks(h, machine);
    String good = sha(SimulatedHistory.GOOD);
    String bad = sha(h.size() - 1);
    SequentialEndpoints.Result endpoints =
        SequentialEndpoints.run(
            source,
            good,
            bad,
            thresholdRatio,
            confidence,
            minForks,
            SequentialEndpoints.CAP_PER_STEP * maxForks,
            () -> false,
            new SequentialEndpoints.Listener() {});
    switch (endpoints.outcome()) {
      case NO_REGRESSION:
        return new Outcome(Answer.NO_REGRESSION, List.of(), machine.forks());
      case UNDECIDED, STOPPED:
        return new Outcome(Answer.UNDECIDED, List.of(), machine.forks());
      case REGRESSION:
        break;
    }
    int k = endpoints.forks();
    // as Bisector.runEngine: the levels start from the forks the endpoint judgement used
    Levels levels = BisectEngine.levels(source, good, bad, k, Math.max(k, maxForks));
    BisectEngine.Result r =
        new BisectEngine(
                commits(h),
                good,
                bad,
                sha -> true,
                levels,
                new BisectEngine.Settings(thresholdRatio, confidence, maxForks, seed))
            .run(source, new BisectEngine.Listener() {});
    if (r.status() == SearchResult.Status.CULPRIT) {
      return new Outcome(
          Answer.CULPRIT, List.of(index(r.culprit())), machine.forks(), r.staircase());
    }
    return new Outcome(Answer.UNDECIDED, List.of(), machine.forks(), r.staircase());
  }

  /**
   * Grows a candidate's and a reference's forks to {@code perSide} each in {@code PairedForks}'
   * balanced order (C R R C C R ...), so drift hits both alike.
   */
  static void interleave(Forks reference, Forks candidate, int perSide) {
    while (reference.count() < perSide || candidate.count() < perSide) {
      boolean candidateTurn =
          reference.count() == candidate.count()
              ? reference.count() % 2 == 0
              : candidate.count() < reference.count();
      (candidateTurn ? candidate : reference)
          .growTo((candidateTurn ? candidate : reference).count() + 1);
    }
  }

  private static final String SHA_GOOD = "good";

  static String sha(int index) {
    return index == SimulatedHistory.GOOD ? SHA_GOOD : "c" + index;
  }

  static int index(String sha) {
    return sha.equals(SHA_GOOD) ? SimulatedHistory.GOOD : Integer.parseInt(sha.substring(1));
  }

  /** The history as the commits {@link BisectSearch} walks (parents first). */
  static List<CommitInfo> commits(SimulatedHistory h) {
    List<CommitInfo> commits = new ArrayList<>(h.size());
    for (int i = 0; i < h.size(); i++) {
      commits.add(
          new CommitInfo(
              sha(i),
              h.parentsOf(i).stream().map(SimulatedBisect::sha).toList(),
              "simulated commit " + i,
              "sim",
              "sim@example.invalid",
              Instant.EPOCH));
    }
    return commits;
  }

  /** One commit's forks so far, each run on the machine when it is asked for. */
  static class Forks {
    private final SimulatedHistory history;
    private final SimulatedMachine machine;
    private final int commit;
    private double[] values = new double[8];
    private int count;

    Forks(SimulatedHistory history, SimulatedMachine machine, int commit) {
      this.history = history;
      this.machine = machine;
      this.commit = commit;
    }

    int count() {
      return count;
    }

    void growTo(int forks) {
      while (count < forks) {
        if (count == values.length) {
          values = Arrays.copyOf(values, 2 * count);
        }
        values[count++] = machine.fork(history.level(commit));
      }
    }

    double[] first(int forks) {
      return Arrays.copyOf(values, Math.min(forks, count));
    }
  }
}

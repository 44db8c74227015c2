package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import dev.culprit.stats.StepVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The bisect search that carries its evidence: a {@link ProbabilisticSearch} over the range, probed
 * with sequential two-level tests ({@link Levels}, {@link Evidence}) on forks from a {@link
 * ForkSource}. Pure: the same inputs and forks give the same steps.
 *
 * <p>A probe measures one fork at a time and stops as soon as its commit's evidence |Lambda|
 * reaches log(99) (a 1 % error per call when the model holds), or the posterior's leader reaches
 * the confidence with it, or the commit sits between the levels, or the commit has had its budget
 * of forks; far-apart levels (3.5x, the demo) stop after one fork. In paired mode every candidate
 * fork runs beside a fresh fork of the good endpoint and the pair's log difference is tested
 * instead. The search stops when one commit holds at least {@code confidence} of the probability,
 * or when no testable commit with forks left can split it (then AMBIGUOUS when an untestable commit
 * sits among the remaining candidates, else INCONCLUSIVE).
 *
 * <p>A commit between the levels (a staircase) is decided by the threshold (more than 1 + threshold
 * over good is the bad side), its step is marked {@code between} and the result says there is a
 * staircase; for the posterior its evidence is {@link Evidence#betweenEvidence}. In an unpaired
 * search a commit between the levels on its forks alone is first probed again in pairs beside fresh
 * forks of good (at least {@value Evidence#BETWEEN_MIN_FORKS}), judged on those alone: a burst of
 * load slows both forks of a pair, so a good commit that read 7x good alone (the demo's p95 in CI,
 * where it was named the culprit) reads 1x, while a real middle level stays between. {@code
 * BisectEngineTest.aGoodCommitBetweenTheLevelsInABurstIsCheckedInPairsAndNotBlamed} fails without
 * it; {@code culprit selftest --bisect} moved three rows by one bisect in 200. The check runs
 * beside the endpoint nearer the commit's forks, and, when the commit is still between, beside the
 * other: a real middle level stays between both times, a commit at the bad level whose forks read
 * far from the bad endpoint's (the machine's state moved the level) reads the bad level beside
 * fresh forks of bad ({@code
 * BisectEngineTest.aBadCommitReadFarFromTheBadEndpointIsCheckedBesideBadAndNoStaircaseIsReported}).
 *
 * <p>The levels come from the endpoints ({@link #levels}): when they are close (paired mode), the
 * endpoints are measured until the gap is known to a quarter of itself, since every step is judged
 * against it, and the search assumes the gap lowered by up to 2 of its standard errors ({@link
 * Levels#conservative}): the endpoint test stopped where its pairs read far apart, and a gap too
 * wide makes a bad commit look good (wrong commits named in 3.4 % of the simulated bisects with a
 * regression, 1.3 % with it). A commit is still judged "between" the levels against the gap as
 * measured ({@link Evidence#frame}): against the lowered one, a staircase's middle level read bad.
 */
public final class BisectEngine {
  /** Evidence at which one probe stops: log(99), 99:1 for one level. */
  public static final double DECISIVE = Math.log(99);

  /**
   * @param threshold the regression threshold as a ratio (0.2 = 20 %): decides the side of a commit
   *     between the levels
   * @param confidence the probability the leading candidate must reach (0.99)
   * @param maxForksPerProbe forks (pairs in paired mode) one probe may take; a commit may get
   *     {@value #COMMIT_PROBES} times that over all its probes, as many as an endpoint (a probe
   *     still unsure at its budget is probed again when the search needs it most)
   * @param forceMode "unpaired" or "paired" to override the levels' choice, or null
   */
  /**
   * A commit's forks over all its probes, in probe budgets. The last split of a close bisect is the
   * culprit against its parent, and once both have spent their forks nothing else can tell them
   * apart: the search ended with several candidates. Measured with {@code culprit selftest
   * --bisect}'s rows (200 bisects each, seed 1), at 2 budgets (24 forks) against 8 (96): 2x the
   * threshold at CV 20 % 23.0 % right (73.0 % undecided) against 92.5 %, with drift and bursts 4.5
   * % against 73.0 %, 3.5x at CV 20 % 81.0 % against 96.5 %, at the same mean forks (373 and 374,
   * 508 and 516, 176 and 174): the undecided bisects had spent theirs on commits that could not
   * settle it. At 16 budgets (192 forks) against 8 (session 11, same rows and seed): 2x at CV 20 %
   * 91.5 -> 94.0 % right, with drift and bursts 77.0 -> 90.0 % (on 40, 128 and 1,000 commits: 75.5
   * -> 90.5, 77.5 -> 93.5, 76.5 -> 90.0 %), bursts 80.5 -> 92.0 %, bimodal 84.0 -> 89.5 %, 2x at CV
   * 30 % 49.0 -> 70.0 %, no row worse, mean forks within 1.5 % (533.2 against 539.0, 361.5 against
   * 360.6): the undecided bisects had stopped on capped commits after spending as much. 32 and
   * 1,000 budgets give what 16 does within 1.5 points (at most 0.5 % more forks).
   */
  public static final int COMMIT_PROBES = 16;

  public record Settings(
      double threshold, double confidence, int maxForksPerProbe, long seed, String forceMode) {
    public Settings {
      if (!(confidence > 0.5 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in (0.5, 1), got " + confidence);
      }
      maxForksPerProbe = Math.max(1, maxForksPerProbe);
    }

    public Settings(double threshold, double confidence, int maxForksPerProbe, long seed) {
      this(threshold, confidence, maxForksPerProbe, seed, null);
    }

    /** Forks one commit may get over all its probes. */
    public int maxForksPerCommit() {
      return COMMIT_PROBES * maxForksPerProbe;
    }
  }

  /** Hears the engine as it goes (progress on a terminal); every method optional. */
  public interface Listener {
    /** A probe of {@code commit} starts ({@code visit} 1 the first time). */
    default void probe(CommitInfo commit, int visit) {}

    /**
     * In an unpaired search, {@code commit} sat between the levels (on its forks measured alone,
     * nearer good; or beside bad): its probe goes on in pairs beside fresh forks of good, judged on
     * those alone.
     */
    default void checkBeside(CommitInfo commit) {}

    /**
     * In an unpaired search, {@code commit} sat between the levels (on its forks measured alone,
     * nearer bad; or beside good): its probe goes on in pairs beside fresh forks of the bad
     * endpoint, judged on those alone (at the bad level, or a third one).
     */
    default void checkBesideBad(CommitInfo commit) {}

    /** A fork (pair) of the probe finished; the commit's evidence is now {@code lambda}. */
    default void fork(CommitInfo commit, int forks, double lambda) {}

    /** A probe ended ({@code step} is its row); the next calls say where the search stands. */
    default void step(Step step) {}

    /**
     * After each probe: the search's leader, its probability, and about how many probes are left
     * (log2 of the effective number of candidates).
     */
    default void leading(String sha, double probability, int remaining) {}
  }

  /**
   * One probe (a commit probed twice has two steps).
   *
   * @param forks the commit's forks after this probe (all its probes), {@code pairs} the reference
   *     forks beside them (0 unpaired)
   * @param logRatio mean log ratio of the candidate to the good level (unpaired) or to its
   *     references (paired)
   * @param evidence the commit's log-likelihood ratio after this probe, bad vs good (+ = bad)
   * @param between the commit sits at neither level (a staircase, unless {@code outside})
   * @param outside between in that sense, but beyond both levels rather than between them: faster
   *     than good or slower than bad ({@link Evidence#outside}); not a staircase
   * @param besideBad the pairs ran beside fresh forks of the bad endpoint ({@link
   *     ForkSource#pairBeside}), not of good; {@code logRatio} is still to the good level
   */
  public record Step(
      CommitInfo commit,
      StepVerdict verdict,
      int forks,
      int pairs,
      double logRatio,
      double evidence,
      boolean between,
      String failure,
      boolean outside,
      boolean besideBad) {}

  /**
   * The answer: the status, the culprit (CULPRIT only), the candidates left (the culprit alone, or
   * the fewest commits holding the confidence), the top posterior, every probe.
   */
  public record Result(
      SearchResult.Status status,
      String culprit,
      List<String> candidates,
      List<ProbabilisticSearch.Candidate> posterior,
      List<Step> steps,
      String mode,
      boolean staircase) {
    public Result {
      candidates = List.copyOf(candidates);
      posterior = List.copyOf(posterior);
      steps = List.copyOf(steps);
    }

    /** Forks (candidate plus reference) the probes measured. */
    public int forks() {
      Map<String, int[]> last = new HashMap<>();
      for (Step s : steps) {
        last.put(s.commit().sha(), new int[] {s.forks(), s.pairs()});
      }
      return last.values().stream().mapToInt(a -> a[0] + a[1]).sum();
    }
  }

  public static final String UNPAIRED = "unpaired";
  public static final String PAIRED = "paired";

  private final List<CommitInfo> commits;
  private final String good;
  private final String bad;
  private final Predicate<String> relevant;
  private final Levels levels;
  private final Settings settings;
  private Set<String> judgedGood = Set.of();
  private Levels current;

  /** The refined levels from the measured gap: what "between" is judged against. */
  private Levels currentFrame;

  private final Levels measured;

  public BisectEngine(
      List<CommitInfo> commits,
      String good,
      String bad,
      Predicate<String> relevant,
      Levels levels,
      Settings settings) {
    this.commits = List.copyOf(commits);
    this.good = good;
    this.bad = bad;
    this.relevant = relevant;
    this.settings = settings;
    this.measured = levels;
    this.levels =
        levels.unpaired() || UNPAIRED.equals(settings.forceMode())
            ? levels
            : levels.conservative(settings.threshold());
  }

  /**
   * The levels of the endpoints, on their first {@code start} forks (fork indices 0..start-1 from
   * {@code source}), grown while the levels are close: to ceil(32 / separation^2) forks per
   * endpoint (the standard error of the gap, sigma sqrt(2 / k), then at most a quarter of it), at
   * most {@code max}. Far-apart levels (the demo) keep {@code start}.
   */
  public static Levels levels(ForkSource source, String good, String bad, int start, int max) {
    int k = start;
    Levels l = Levels.of(forks(source, good, k), forks(source, bad, k));
    while (!l.unpaired() && k < max) {
      int want = Math.min(max, (int) Math.ceil(32 / Math.max(1e-9, Math.pow(l.separation(), 2))));
      if (want <= k) {
        break;
      }
      k = want;
      l = Levels.of(forks(source, good, k), forks(source, bad, k));
    }
    return l;
  }

  private static double[] forks(ForkSource source, String sha, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ForkSource.Sample s = source.fork(sha, i);
      if (s.untestable()) {
        throw new IllegalStateException("the endpoint " + sha + " failed: " + s.failure());
      }
      v[i] = s.candidate();
    }
    return v;
  }

  /**
   * Paired mode learns the levels as it goes: the spread of pair differences within each probed
   * commit (a commit's pairs share one true level) joins the endpoints' spread, and the pairs of
   * commits that are bad with probability 0.95 or more join the endpoints' gap, weighted by forks
   * (the endpoints count as k pairs). Commits between the levels are left out of both. Measured on
   * {@code BisectEngineTest}'s +23 % at CV 10 % history: without it, 10 of 20 bisects right; the
   * endpoints' 3 to 12 forks misjudge a gap of 0.21 by 0.04 or more too often. {@code prior}: the
   * endpoints' levels the pairs join, as the evidence assumes them (lowered, {@link
   * Levels#conservative}) or as measured (the frame of the between-check, {@link Evidence#frame}).
   */
  private Levels refine(Map<String, Evidence> evidence, ProbabilisticSearch search, Levels prior) {
    double pairVar0 = 2 * prior.spread() * prior.spread();
    double ss = prior.df() * pairVar0;
    int df = prior.df();
    double k = prior.df() / 2.0 + 1;
    double sum = k * prior.gap();
    double n = k;
    for (Map.Entry<String, Evidence> x : evidence.entrySet()) {
      Evidence e = x.getValue();
      List<Double> o = e.observations();
      if (o.size() < 2 || e.between()) {
        continue;
      }
      // a hiccup (one pair far off, as a p99 fork in a GC pause) would set the spread of all
      double[] all = o.stream().mapToDouble(Double::doubleValue).toArray();
      double[] kept = Levels.withoutHiccups(all, Levels.median(all));
      double m = Levels.mean(kept);
      for (double v : kept) {
        ss += (v - m) * (v - m);
      }
      df += kept.length - 1;
      if (search.probabilityBad(x.getKey()) >= 0.95) {
        sum += m * kept.length;
        n += kept.length;
      }
    }
    double spread = Math.max(Levels.SIGMA_FLOOR, Math.sqrt(ss / df / 2));
    return new Levels(prior.muGood(), prior.muGood() + sum / n, spread, df);
  }

  /** Starts a check of {@code sha} beside fresh forks of bad ({@code bad}) or good. */
  private static Evidence check(
      String sha,
      boolean bad,
      Levels levels,
      Map<String, Evidence> evidence,
      Map<String, Integer> checks,
      Set<String> besideBad,
      Map<String, Evidence> besideGood) {
    checks.merge(sha, 1, Integer::sum);
    Evidence e = new Evidence(levels, true);
    if (bad) {
      besideBad.add(sha);
    } else {
      besideBad.remove(sha);
      besideGood.put(sha, e);
    }
    evidence.put(sha, e);
    return e;
  }

  /**
   * A pair beside a fork of the bad endpoint, as if beside good: the reference's value moved down
   * by the gap between the levels, so that a commit at the bad level reads the gap and one at good
   * reads 0, as in a pair beside good ({@link Evidence}'s frame).
   */
  private static ForkSource.Sample inGoodFrame(ForkSource.Sample s, Levels levels) {
    if (s.untestable()) {
      return s;
    }
    return ForkSource.Sample.pair(s.candidate(), s.reference() / Math.exp(levels.gap()));
  }

  /**
   * Commits the search takes as good without probing them, at 99^2:1 (twice {@link #DECISIVE}, a
   * verification's interleaved forks on both sides weigh more than one probe; at 99:1 the real
   * culprit, the child of such a commit, could not pass 99 % in a simulated search): each sat
   * between the levels on a few forks and was named the culprit, and a verification against its
   * parent, which the search had judged good, did not confirm the step (a burst of load on
   * consecutive forks looks like a third level). Judging such a commit's forks at the two levels
   * instead does not work: the contaminated model gives a fork far from both levels almost no
   * evidence, and a simulated +37 % commit stayed unsure through all its 96 forks.
   */
  public BisectEngine judgedGood(Set<String> shas) {
    this.judgedGood = Set.copyOf(shas);
    return this;
  }

  /** Unpaired or paired, as the levels (or the settings) choose. */
  public String mode() {
    if (settings.forceMode() != null) {
      return settings.forceMode();
    }
    return levels.unpaired() ? UNPAIRED : PAIRED;
  }

  public Result run(ForkSource source, Listener listener) {
    return run(() -> false, source, listener);
  }

  /**
   * Runs the search until the confidence is reached, nothing useful is left to probe, or {@code
   * stop} says the budget is spent (checked before every fork): then STOPPED, with the commits
   * still holding the confidence as candidates.
   */
  public Result run(BooleanSupplier stop, ForkSource source, Listener listener) {
    boolean paired = mode().equals(PAIRED);
    ProbabilisticSearch search =
        new ProbabilisticSearch(commits, good, bad, relevant, settings.seed());
    Map<String, Evidence> evidence = new HashMap<>();
    Map<String, Integer> visits = new HashMap<>();
    Set<String> skipped = new HashSet<>();
    Set<String> untestable = new HashSet<>();
    Map<String, Integer> checks = new HashMap<>(); // checks beside an endpoint (unpaired search)
    Set<String> besideBad = new HashSet<>(); // the commit's current check runs beside bad
    Map<String, Evidence> besideGood = new HashMap<>(); // the commit's check beside good
    List<Step> steps = new ArrayList<>();
    boolean staircase = false;
    current = levels;
    currentFrame = measured;
    boolean stopped = false;
    if (levels.gap() < Math.log1p(settings.threshold()) / 2) {
      // the endpoints' levels are not half the threshold apart: nothing to tell commits apart by.
      // Probing anyway, with 8 probe budgets a commit, named a culprit on 1 of 10 simulated A/A
      // ranges at CV 5 % (BisectEngineTest) after ~80 forks of one commit, and ran 9,904 forks on
      // another. (Bisect reaches the engine only after SequentialEndpoints saw a regression.)
      return new Result(
          SearchResult.Status.INCONCLUSIVE,
          null,
          search.credibleSet(settings.confidence()),
          search.top(5),
          steps,
          paired ? PAIRED : UNPAIRED,
          false);
    }
    for (CommitInfo c : commits) {
      if (judgedGood.contains(c.sha())) {
        search.evidence(c.sha(), -2 * DECISIVE);
        skipped.add(c.sha());
      }
    }
    while (search.topProbability() < settings.confidence()) {
      if (stop.getAsBoolean()) {
        stopped = true;
        break;
      }
      CommitInfo c = search.choose(skipped, (1 - settings.confidence()) / 2);
      if (c == null) {
        break;
      }
      String sha = c.sha();
      Levels now = current;
      Evidence e = evidence.computeIfAbsent(sha, k -> new Evidence(now, paired));
      if (paired) {
        e.frame(currentFrame);
      }
      int visit = visits.merge(sha, 1, Integer::sum);
      listener.probe(c, visit);
      String failure = null;
      boolean decided = false;
      int budget = Math.min(settings.maxForksPerCommit(), e.forks() + settings.maxForksPerProbe());
      while (e.forks() < budget) {
        if (stop.getAsBoolean()) {
          stopped = true;
          break;
        }
        ForkSource.Sample s =
            !e.paired()
                ? source.fork(sha, e.forks())
                : besideBad.contains(sha)
                    ? inGoodFrame(source.pairBeside(sha, bad, e.forks()), now)
                    : source.pair(sha, e.forks());
        if (s.untestable()) {
          failure = s.failure();
          break;
        }
        e.add(s);
        listener.fork(c, e.forks(), e.lambda());
        if (e.paired() && !paired) {
          // checked beside an endpoint: at its level (drift, a burst), or between the levels again
          if (e.forks() < Evidence.BETWEEN_MIN_FORKS) {
            continue;
          }
          if (e.between()) {
            if (e.outside()) {
              break;
            }
            if (checks.get(sha) >= 2) {
              // between beside both: a third level, judged by the threshold on its pairs beside
              // good (the threshold is a ratio to good; beside bad, the gap's error would add in)
              if (besideBad.remove(sha)) {
                e = besideGood.get(sha);
                evidence.put(sha, e);
              }
              break;
            }
            // between beside one endpoint: a third level, or a level read far from where the
            // other endpoint's forks put it (the demo's p95 at the bad level moves from 1.5 to 14
            // ms with the machine's state: a commit at 4 ms sat "between" a 13.6 ms bad level and
            // good, a staircase reported that is not there); fresh forks of the other tell
            e = check(sha, !besideBad.contains(sha), now, evidence, checks, besideBad, besideGood);
            budget = Math.min(settings.maxForksPerCommit(), settings.maxForksPerProbe());
            if (besideBad.contains(sha)) {
              listener.checkBesideBad(c);
            } else {
              listener.checkBeside(c);
            }
            continue;
          }
        }
        if (Math.abs(e.lambda()) >= DECISIVE) {
          decided = true;
          break;
        }
        if (e.between()) {
          if (e.paired() || e.outside()) {
            // beyond both levels (slower than bad, faster than good): the threshold decides, as
            // the check beside good would (in the demo it cost a bad-level commit 3 pairs)
            break;
          }
          // a third level on forks measured alone: first ask forks of the nearer endpoint run
          // beside it (a burst of load moves a good commit up, the machine's state moves a level)
          boolean nearBad = e.logRatio() > now.gap() / 2;
          e = check(sha, nearBad, now, evidence, checks, besideBad, besideGood);
          budget = Math.min(settings.maxForksPerCommit(), settings.maxForksPerProbe());
          if (nearBad) {
            listener.checkBesideBad(c);
          } else {
            listener.checkBeside(c);
          }
          continue;
        }
        if (search.topProbabilityWith(sha, e.lambda()) >= settings.confidence()) {
          decided = true;
          break;
        }
      }
      if (failure != null) {
        untestable.add(sha);
        skipped.add(sha);
        Step step =
            new Step(
                c,
                StepVerdict.UNTESTABLE,
                e.forks(),
                0,
                e.logRatio(),
                0,
                false,
                failure,
                false,
                false);
        steps.add(step);
        listener.step(step);
        continue;
      }
      StepVerdict v;
      double used;
      boolean between = e.between() && !decided;
      if (between) {
        staircase |= !e.outside();
        used = e.betweenEvidence(settings.threshold());
        v = used > 0 ? StepVerdict.BAD : StepVerdict.GOOD;
      } else if (decided) {
        v = e.lambda() > 0 ? StepVerdict.BAD : StepVerdict.GOOD;
        used = e.lambda();
      } else {
        v = StepVerdict.UNSURE;
        used = e.lambda();
      }
      if (e.forks() >= settings.maxForksPerCommit()) {
        skipped.add(sha);
      }
      search.evidence(sha, used);
      if (paired) {
        Levels refined = refine(evidence, search, levels);
        currentFrame = refine(evidence, search, measured);
        if (!refined.equals(current)) {
          current = refined;
          for (Map.Entry<String, Evidence> x : evidence.entrySet()) {
            x.getValue().frame(currentFrame);
            x.getValue().levels(current);
            if (!untestable.contains(x.getKey()) && !x.getValue().between()) {
              search.evidence(x.getKey(), x.getValue().lambda());
            }
          }
          used = e.between() ? used : e.lambda();
        }
      }
      Step step =
          new Step(
              c,
              v,
              e.forks(),
              e.paired() ? e.forks() : 0,
              e.logRatio(),
              used,
              between,
              null,
              between && e.outside(),
              e.paired() && besideBad.contains(sha));
      steps.add(step);
      listener.step(step);
      ProbabilisticSearch.Candidate lead = search.top(1).get(0);
      listener.leading(
          lead.sha(),
          lead.probability(),
          lead.probability() >= settings.confidence() ? 0 : search.estimatedRemainingSteps());
    }
    List<ProbabilisticSearch.Candidate> posterior = search.top(5);
    String mode = paired ? PAIRED : UNPAIRED;
    if (search.topProbability() >= settings.confidence()) {
      String culprit = posterior.get(0).sha();
      return new Result(
          SearchResult.Status.CULPRIT,
          culprit,
          List.of(culprit),
          posterior,
          steps,
          mode,
          staircase);
    }
    List<String> left = search.credibleSet(settings.confidence());
    boolean skippedAmong = left.stream().anyMatch(untestable::contains);
    return new Result(
        stopped
            ? SearchResult.Status.STOPPED
            : skippedAmong ? SearchResult.Status.AMBIGUOUS : SearchResult.Status.INCONCLUSIVE,
        null,
        left,
        posterior,
        steps,
        mode,
        staircase);
  }
}

package dev.culprit.bisect;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.GitRepo;
import dev.culprit.measure.AllocBookkeeping;
import dev.culprit.measure.Figures;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Histograms;
import dev.culprit.measure.MeasureOutcome;
import dev.culprit.measure.Measurement;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Summary;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.stats.StepRule;
import dev.culprit.stats.StepVerdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The bisect command's core: validates the endpoints, measures them, checks that bad is beyond the
 * threshold, then drives {@link BisectSearch} with real measurements and per-step verdicts. Each
 * step runs its commit's forks interleaved with fresh forks of the good endpoint and is judged on
 * those: the endpoint's own forks may be minutes (or, inside a sweep, a night) old, and on a
 * drifting machine a good commit measured later looked slower than them (a CI run blamed the wrong
 * commit).
 */
public final class Bisector {
  /**
   * What one bisect judges and how hard it may try.
   *
   * @param metric the metric the steps are judged on (a sweep bisects every regressed metric)
   * @param minForksPerStep forks each endpoint starts with: never fewer than the statistics need
   * @param maxForksPerStep forks (pairs) one probe of the search may take; a commit gets at most
   *     {@link BisectEngine#COMMIT_PROBES} times that over all its probes
   * @param confidence the probability the culprit must reach ({@code --confidence})
   * @param legacy the previous search: git bisect with the three-way {@link StepRules} verdict per
   *     step (3 + 3 forks or more each), kept for comparison ({@code culprit selftest --bisect})
   *     and as a fallback
   */
  public record Options(
      Metric metric,
      double thresholdRatio,
      boolean firstParent,
      int minForksPerStep,
      int maxForksPerStep,
      long seed,
      double confidence,
      boolean legacy) {
    public static final double DEFAULT_CONFIDENCE = 0.99;

    public Options {
      minForksPerStep = Math.max(3, minForksPerStep);
      maxForksPerStep = Math.max(minForksPerStep, maxForksPerStep);
    }

    public Options(
        Metric metric,
        double thresholdRatio,
        boolean firstParent,
        int minForksPerStep,
        int maxForksPerStep,
        long seed) {
      this(
          metric,
          thresholdRatio,
          firstParent,
          minForksPerStep,
          maxForksPerStep,
          seed,
          DEFAULT_CONFIDENCE,
          false);
    }
  }

  private final GitRepo repo;
  private final Measurer measurer;
  private StepRule rule;
  private Hunt hunt = Hunt.SLOWER;
  private final Progress progress;
  private final Options options;
  private final Metric metric;
  private final double threshold;
  private final List<BisectReport.Step> steps = new ArrayList<>();
  private final Map<String, Measurement> measured = new HashMap<>();
  private final PairedForks pairs;
  private int builds;
  private int measurements;
  private Budget budget = Budget.unlimited();
  private int endpointForks;
  private Set<String> judgedGood = Set.of();

  /**
   * A bisect over {@code repo}'s history: {@code pairs} runs the steps' interleaved forks with
   * {@code measurer}.
   */
  public Bisector(
      GitRepo repo,
      Measurer measurer,
      PairedForks pairs,
      StepRule rule,
      Progress progress,
      Options options) {
    this.repo = repo;
    this.measurer = measurer;
    this.rule = rule;
    this.progress = progress;
    this.options = options;
    this.metric = options.metric();
    this.threshold = options.thresholdRatio();
    this.pairs = pairs;
    measurer.onPhase((sha, phase) -> progress.phase(sha, phase));
  }

  /**
   * Hunts {@code h} (call before {@link #run}): a speed-up hunt judges every value mirrored (see
   * {@link Hunt#mirror}); the search, the statistics and the step verdicts are the regression
   * hunt's, with good meaning "not yet faster" and bad "already faster".
   */
  public Bisector hunting(Hunt h) {
    if (hunt != Hunt.SLOWER) {
      throw new IllegalStateException("hunting() is called once");
    }
    this.rule = h.mirror(rule);
    this.hunt = h;
    return this;
  }

  /**
   * Stops the search once {@code b} is spent (checked before every probe and before an unsure step
   * grows): the result is INCONCLUSIVE with the candidates left and says so.
   */
  public Bisector budget(Budget b) {
    this.budget = b;
    return this;
  }

  /**
   * Takes these commits as good without probing them (see {@link BisectEngine#judgedGood}): their
   * step between the levels was not confirmed by a verification against a good parent.
   */
  public Bisector judgedGood(Set<String> shas) {
    this.judgedGood = Set.copyOf(shas);
    return this;
  }

  /** Validates refs and the range before anything is built. */
  public record Range(CommitInfo good, CommitInfo bad, List<CommitInfo> commits) {}

  public static Range validate(GitRepo repo, String goodRef, String badRef, boolean firstParent) {
    CommitInfo good = repo.resolve(goodRef);
    CommitInfo bad = repo.resolve(badRef);
    if (good.sha().equals(bad.sha())) {
      throw CulpritException.usage(
          "--good and --bad are the same commit ("
              + good.sha().substring(0, 10)
              + "); pass a good commit older than the bad one");
    }
    if (!repo.isAncestor(good.sha(), bad.sha())) {
      throw CulpritException.usage(
          "--good "
              + goodRef
              + " is not an ancestor of --bad "
              + badRef
              + "; pass an older good commit on the bad commit's history (swapped?)");
    }
    List<CommitInfo> commits = repo.range(good.sha(), bad.sha(), firstParent);
    if (commits.isEmpty()) {
      throw CulpritException.usage(
          "the range " + goodRef + ".." + badRef + " has no commits to search");
    }
    return new Range(good, bad, commits);
  }

  public BisectReport run(Range range) {
    Set<String> relevant = new java.util.HashSet<>();
    Map<String, String> ids = new HashMap<>();
    for (CommitInfo c : range.commits()) {
      ids.put(c.sha(), measurer.keyOf(c.sha()));
    }
    for (CommitInfo c : range.commits()) {
      String id = ids.get(c.sha());
      boolean changed =
          c.parents().isEmpty()
              || c.parents().stream()
                  .noneMatch(p -> id.equals(ids.computeIfAbsent(p, measurer::keyOf)));
      if (changed) {
        relevant.add(c.sha());
      }
    }
    if (relevant.isEmpty()) {
      throw dev.culprit.error.CulpritException.usage(
          "no commit in "
              + range.good().sha().substring(0, 10)
              + ".."
              + range.bad().sha().substring(0, 10)
              + " changes the build inputs ("
              + (measurer.inputsDescription())
              + "); nothing to bisect: widen the range or --paths");
    }
    progress.expect(
        2 + (int) Math.ceil(Math.log(Math.max(2, range.commits().size())) / Math.log(2)));
    if (!options.legacy()) {
      return runEngine(range, relevant);
    }
    endpoint(range.good(), StepRole.GOOD, options.minForksPerStep());
    endpoint(range.bad(), StepRole.BAD, options.minForksPerStep());
    int[] endpointForks = {options.minForksPerStep()};
    StepVerdict endpoints = judgeEndpoints(range, endpointForks);
    refigureEndpoints();
    BisectReport jmhOwn = endpoints == StepVerdict.BAD ? allocIsJmhOwn(range) : null;
    if (jmhOwn != null) {
      return jmhOwn;
    }
    if (endpoints != StepVerdict.BAD) {
      return report(
          BisectStatus.NO_REGRESSION,
          null,
          List.of(),
          range,
          noRegression(
              range,
              endpoints == StepVerdict.UNSURE
                  ? " (too noisy to call a " + hunt.change() + ")"
                  : ""));
    }
    Predicate<String> isRelevant = relevant::contains;
    BisectSearch search =
        new BisectSearch(
            range.commits(), range.good().sha(), range.bad().sha(), isRelevant, options.seed());
    progress.expect(steps.size() + search.estimatedRemainingSteps());
    progress.forksPerStep(2 * options.minForksPerStep());
    SearchResult result =
        search.run(
            commit -> {
              progress.nextStep();
              StepVerdict v = step(commit, range);
              int total = steps.size() + search.estimatedRemainingSteps();
              if (v == StepVerdict.UNTESTABLE || v == StepVerdict.UNSURE) {
                progress.reexpect(total);
              } else {
                progress.expect(total);
              }
              return v;
            },
            budget::spent);
    if (result.status() == SearchResult.Status.STOPPED) {
      return report(
          BisectStatus.INCONCLUSIVE,
          null,
          result.candidates(),
          range,
          budgetMessage(result.candidates().size()));
    }
    BisectStatus status =
        switch (result.status()) {
          case CULPRIT -> BisectStatus.CULPRIT;
          case AMBIGUOUS -> BisectStatus.AMBIGUOUS;
          case INCONCLUSIVE, STOPPED -> BisectStatus.INCONCLUSIVE;
        };
    CommitInfo culprit = result.culprit() == null ? null : repo.resolve(result.culprit());
    String msg =
        culprit == null
            ? null
            : relevant.size() < range.commits().size()
                ? (range.commits().size() - relevant.size())
                    + " of "
                    + range.commits().size()
                    + " commits left the build inputs unchanged and were not tested"
                : null;
    return report(status, culprit, result.candidates(), range, msg);
  }

  /** The answer when there is nothing to hunt: both endpoints' figures, and why. */
  private String noRegression(Range range, String why) {
    return noRegression(
        range,
        why,
        metric.of(measured.get(range.good().sha()).summary()),
        metric.of(measured.get(range.bad().sha()).summary()));
  }

  /**
   * The same, on the forks the endpoint test judged: the figures the step table shows for the
   * endpoints.
   */
  private String noRegressionAsJudged(Range range, String why) {
    return noRegression(
        range,
        why,
        metric.of(Histograms.summarize(judged(measured.get(range.good().sha())))),
        metric.of(Histograms.summarize(judged(measured.get(range.bad().sha())))));
  }

  private String noRegression(Range range, String why, double goodValue, double badValue) {
    return String.format(
        Locale.ROOT,
        "no %s between the endpoints: %s %s at %s vs %s at %s (%s), threshold %.0f%%%s",
        hunt.change(),
        metric.label(),
        Units.value(metric, goodValue),
        hunt.oldTerm(),
        Units.value(metric, badValue),
        hunt.newTerm(),
        Units.percent(badValue / goodValue),
        threshold * 100,
        why);
  }

  /**
   * The search that carries its evidence ({@link BisectEngine}): the endpoints judged by {@link
   * SequentialEndpoints} (pairs of forks in a balanced order until the test decides, at most {@link
   * SequentialEndpoints#CAP_PER_STEP} x the per-probe budget per side), the levels from the forks
   * it used (grown when they are close), then probes of one fork (or pair) at a time until one
   * commit holds the confidence.
   */
  private BisectReport runEngine(Range range, Set<String> relevant) {
    String goodSha = range.good().sha();
    String badSha = range.bad().sha();
    Map<String, CommitInfo> bySha = new HashMap<>();
    range.commits().forEach(c -> bySha.put(c.sha(), c));
    bySha.put(goodSha, range.good());
    // one fork each first (a broken endpoint is a usage error), then the pairs
    endpoint(range.good(), StepRole.GOOD, 1);
    endpoint(range.bad(), StepRole.BAD, 1);
    Forks source = new Forks(goodSha, badSha, bySha);
    int cap = SequentialEndpoints.CAP_PER_STEP * options.maxForksPerStep();
    progress.planForks(2 * options.minForksPerStep());
    SequentialEndpoints.Result judged;
    Levels levels;
    try {
      judged =
          SequentialEndpoints.run(
              source,
              goodSha,
              badSha,
              threshold,
              options.confidence(),
              options.minForksPerStep(),
              cap,
              budget::spent,
              new SequentialEndpoints.Listener() {
                @Override
                public void pair(int forks, double evidence, double logRatio) {
                  progress.planForks(2 * (forks + 1));
                  if (forks == options.minForksPerStep() || Integer.bitCount(forks) == 1) {
                    progress.note(
                        String.format(
                            Locale.ROOT,
                            "  endpoints: %d forks each, %s %s, evidence %.1f (decides at ±%.1f)",
                            forks,
                            hunt.newTerm(),
                            Units.percent(hunt.judged(Math.exp(logRatio))),
                            evidence,
                            Math.log(options.confidence() / (1 - options.confidence()))));
                  }
                }
              });
      endpointForks = judged.forks();
      refigureEndpoints();
      if (judged.outcome() != SequentialEndpoints.Outcome.STOPPED) {
        progress.note(
            String.format(
                Locale.ROOT,
                "  endpoints: %d forks each, %s %s, evidence %.1f: %s",
                judged.forks(),
                hunt.newTerm(),
                Units.percent(hunt.judged(Math.exp(judged.logRatio()))),
                judged.evidence(),
                !judged.decisive()
                    ? "undecided at the cap"
                    : judged.outcome() == SequentialEndpoints.Outcome.REGRESSION
                        ? "a " + hunt.change() + " beyond the threshold"
                        : "no " + hunt.change() + " beyond the threshold"));
      }
      switch (judged.outcome()) {
        case STOPPED:
          return report(
              BisectStatus.INCONCLUSIVE,
              null,
              List.of(),
              range,
              budgetMessage(range.commits().size()));
        case NO_REGRESSION:
          return report(
              BisectStatus.NO_REGRESSION,
              null,
              List.of(),
              range,
              noRegressionAsJudged(
                  range,
                  judged.decisive()
                      ? ""
                      : " (too noisy to be sure after "
                          + judged.forks()
                          + " forks each; leaning to none)"));
        case UNDECIDED:
          return report(
              BisectStatus.INCONCLUSIVE,
              null,
              List.of(),
              range,
              String.format(
                  Locale.ROOT,
                  "too noisy to tell whether there is a %s between the endpoints: %s %s after"
                      + " %d forks each (the cap), leaning to one at %.0f%% threshold; run"
                      + " `culprit noise` to see what this machine can resolve, then raise"
                      + " --max-step-forks or the threshold, or pick a steadier --metric",
                  hunt.change(),
                  hunt.newTerm(),
                  Units.percent(hunt.judged(Math.exp(judged.logRatio()))),
                  judged.forks(),
                  threshold * 100));
        case REGRESSION:
          break;
      }
      BisectReport jmhOwn = allocIsJmhOwn(range);
      if (jmhOwn != null) {
        return jmhOwn;
      }
      // the levels start from the forks the test used; growing them stays within the budget
      int k = judged.forks();
      long most = Math.min(Math.max(k, options.maxForksPerStep()), k + budget.forksLeft() / 2L);
      levels = BisectEngine.levels(source, goodSha, badSha, k, (int) most);
    } catch (IllegalStateException e) {
      throw new CulpritException(
          ExitCode.UNTESTABLE,
          "an endpoint measured before failed on more forks ("
              + e.getMessage()
              + "); check the machine (disk, memory) and rerun: finished forks are kept");
    }
    BisectEngine engine =
        new BisectEngine(
                range.commits(),
                goodSha,
                badSha,
                relevant::contains,
                levels,
                new BisectEngine.Settings(
                    threshold, options.confidence(), options.maxForksPerStep(), options.seed()))
            .judgedGood(judgedGood);
    boolean paired = engine.mode().equals(BisectEngine.PAIRED);
    progress.note(
        String.format(
            Locale.ROOT,
            "  levels: %s %s, %s %s (%s), spread %.1f %% a fork: %s",
            hunt.oldTerm(),
            Units.value(metric, hunt.judged(Math.exp(levels.muGood()))),
            hunt.newTerm(),
            Units.value(metric, hunt.judged(Math.exp(levels.muBad()))),
            Units.percent(hunt.judged(Math.exp(levels.gap()))),
            levels.sigma() * 100,
            paired
                ? "close, each candidate fork runs beside a fresh fork of good"
                : "far apart, candidate forks alone"));
    progress.forksPerStep(paired ? 2 : 1);
    BisectEngine.Result result =
        engine.run(
            budget::spent,
            source,
            new BisectEngine.Listener() {
              private final Set<String> beside = new HashSet<>();

              private int perFork(CommitInfo commit) {
                return paired || beside.contains(commit.sha()) ? 2 : 1;
              }

              @Override
              public void probe(CommitInfo commit, int visit) {
                progress.nextStep();
                progress.planForks(perFork(commit));
                source.startStep();
              }

              @Override
              public void checkBeside(CommitInfo commit) {
                checking(commit, "good (a burst of load moves both)");
              }

              @Override
              public void checkBesideBad(CommitInfo commit) {
                checking(
                    commit,
                    hunt.newTerm()
                        + " "
                        + badSha.substring(0, 10)
                        + " (at that level, or a third one)");
              }

              private void checking(CommitInfo commit, String beside) {
                this.beside.add(commit.sha());
                progress.note(
                    "  "
                        + commit.sha().substring(0, 10)
                        + " sits between the levels: checking it beside fresh forks of "
                        + beside);
              }

              @Override
              public void fork(CommitInfo commit, int forks, double lambda) {
                progress.planForks(perFork(commit) * (forks + 1));
              }

              @Override
              public void step(BisectEngine.Step s) {
                progress.stepCost(source.cost.build + source.cost.measure, source.cost.cached);
                steps.add(source.reportStep(s));
              }

              @Override
              public void leading(String sha, double probability, int remaining) {
                progress.expect(steps.size() + remaining);
                progress.note(
                    String.format(
                        Locale.ROOT,
                        "  leading: %s %s",
                        sha.substring(0, 10),
                        probability >= 0.995 && probability < 1
                            ? String.format(Locale.ROOT, "%.1f %%", probability * 100)
                            : Math.round(probability * 100) + " %"));
              }
            });
    List<BisectReport.Candidate> posterior = new ArrayList<>();
    for (ProbabilisticSearch.Candidate c : result.posterior()) {
      CommitInfo ci = bySha.get(c.sha());
      posterior.add(
          new BisectReport.Candidate(
              c.sha(),
              ci == null ? null : ci.subject(),
              Math.round(c.probability() * 10000) / 10000.0));
    }
    if (result.status() == SearchResult.Status.STOPPED) {
      return report(
              BisectStatus.INCONCLUSIVE,
              null,
              result.candidates(),
              range,
              budgetMessage(result.candidates().size()))
          .withSearch(result.mode(), posterior, result.staircase())
          .withLevels(BisectReport.SearchLevels.of(levels, (levels.df() + 2) / 2));
    }
    BisectStatus status =
        switch (result.status()) {
          case CULPRIT -> BisectStatus.CULPRIT;
          case AMBIGUOUS -> BisectStatus.AMBIGUOUS;
          case INCONCLUSIVE, STOPPED -> BisectStatus.INCONCLUSIVE;
        };
    CommitInfo culprit = result.culprit() == null ? null : repo.resolve(result.culprit());
    List<String> notes = new ArrayList<>();
    if (culprit != null && relevant.size() < range.commits().size()) {
      notes.add(
          (range.commits().size() - relevant.size())
              + " of "
              + range.commits().size()
              + " commits left the build inputs unchanged and were not tested");
    }
    if (result.staircase()) {
      notes.add(staircaseNote(result, range, levels));
    }
    outsideNote(result).ifPresent(notes::add);
    return report(
            status,
            culprit,
            result.candidates(),
            range,
            notes.isEmpty() ? null : String.join("; ", notes))
        .withSearch(result.mode(), posterior, result.staircase())
        .withLevels(BisectReport.SearchLevels.of(levels, (levels.df() + 2) / 2));
  }

  /**
   * Commits measured beyond both levels (faster than good, or slower than bad), whose calls rested
   * on the threshold alone: the speed of the machine drifted during the bisect (the demo under two
   * busy loops: its good endpoint at 8 ms p95, the culprit's parent at 0.4 ms once the load ended),
   * or the range holds another change. Said once, with what to do.
   */
  private Optional<String> outsideNote(BisectEngine.Result result) {
    Map<String, BisectEngine.Step> last = new LinkedHashMap<>();
    for (BisectEngine.Step s : result.steps()) {
      last.put(s.commit().sha(), s);
    }
    List<String> outside =
        last.values().stream()
            .filter(BisectEngine.Step::outside)
            .map(s -> Units.shortSha(s.commit().sha()))
            .toList();
    if (outside.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(", ", outside)
            + (outside.size() == 1 ? " was" : " were")
            + " measured outside both levels (beyond "
            + hunt.oldTerm()
            + " or "
            + hunt.newTerm()
            + "), so the threshold decided "
            + (outside.size() == 1 ? "its call" : "their calls")
            + ": the machine's speed drifted during the bisect, or the range holds another change;"
            + " check the load (culprit doctor) and rerun, or verify with culprit compare");
  }

  /**
   * What a staircase means for the user: which commit sits between the levels, at what level, which
   * step the culprit is, and where the other step lies with the command that finds it. The search
   * names one commit only (the first step beyond the threshold); without this line the second
   * regression of a staircase went unmentioned but for "some commits sit between the levels".
   */
  private String staircaseNote(BisectEngine.Result result, Range range, Levels levels) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < range.commits().size(); i++) {
      position.put(range.commits().get(i).sha(), i);
    }
    Map<String, BisectEngine.Step> last = new HashMap<>();
    for (BisectEngine.Step s : result.steps()) {
      last.put(s.commit().sha(), s);
    }
    List<BisectEngine.Step> between =
        last.values().stream()
            .filter(s -> s.between() && !s.outside())
            .sorted(Comparator.comparingInt(s -> position.getOrDefault(s.commit().sha(), -1)))
            .toList();
    String head = "a staircase (more than one " + hunt.change() + ")";
    if (between.isEmpty()) {
      return head + ": a commit measured between the levels was later judged at one of them";
    }
    List<BisectEngine.Step> beyond =
        between.stream().filter(s -> s.verdict() == StepVerdict.BAD).toList();
    List<BisectEngine.Step> within =
        between.stream().filter(s -> s.verdict() != StepVerdict.BAD).toList();
    // the intermediate level beyond the threshold: the other step comes after its newest commit;
    // within the threshold: the smaller step comes before its oldest commit
    BisectEngine.Step at = beyond.isEmpty() ? within.get(0) : beyond.get(beyond.size() - 1);
    String from = beyond.isEmpty() ? range.good().sha() : at.commit().sha();
    String to = beyond.isEmpty() ? at.commit().sha() : range.bad().sha();
    return String.format(
        Locale.ROOT,
        "%s: %s sits between the levels at %s of %s (%s is %s), %s the %.0f%% threshold, so the"
            + " culprit is the %s step; the other lies after %s, up to %s (culprit bisect %s %s"
            + " %s %s%s finds it)",
        head,
        Units.shortSha(at.commit().sha()),
        Units.percent(hunt.judged(Math.exp(at.logRatio()))),
        hunt.oldTerm(),
        hunt.newTerm(),
        Units.percent(hunt.judged(Math.exp(levels.gap()))),
        beyond.isEmpty() ? "within" : "beyond",
        threshold * 100,
        beyond.isEmpty() ? "second" : "first",
        Units.shortSha(from),
        Units.shortSha(to),
        hunt == Hunt.SLOWER ? "--good" : "--hunt faster --old",
        Units.shortSha(from),
        hunt == Hunt.SLOWER ? "--bad" : "--new",
        Units.shortSha(to),
        beyond.isEmpty() ? " with a lower --threshold" : "");
  }

  /** What a step cost: builds and forks of this run, or nothing when everything was stored. */
  private static final class StepCost {
    double build;
    double measure;
    boolean cached = true;
    int attempts;
  }

  /**
   * The engine's forks from the real measurer: fork i of a commit is the i-th of its stored forks
   * (measured when missing), pair i the i-th of its interleaved comparison with good (see {@link
   * PairedForks}); both are stored, so a rerun replays the same values.
   */
  private final class Forks implements ForkSource {
    private final String good;
    private final String badSha;
    private final Map<String, CommitInfo> bySha;
    // by commit and reference: "sha beside sha"
    private final Map<String, List<ForkStats>> pairedCandidate = new HashMap<>();
    private final Map<String, List<ForkStats>> pairedReference = new HashMap<>();
    private StepCost cost = new StepCost();
    private String failure;

    Forks(String good, String badSha, Map<String, CommitInfo> bySha) {
      this.good = good;
      this.badSha = badSha;
      this.bySha = bySha;
    }

    void startStep() {
      cost = new StepCost();
      failure = null;
    }

    @Override
    public Sample fork(String commit, int index) {
      CommitInfo c = bySha.get(commit);
      MeasureOutcome o = ensure(c, index + 1);
      cost.build += o.cost().buildSeconds();
      cost.measure += o.cost().measureSeconds();
      cost.cached &= o.cost().cached();
      cost.attempts += o.attempts();
      if (o instanceof MeasureOutcome.Untestable u) {
        failure = u.reason();
        return Sample.untestable(u.reason());
      }
      double[] v = ((MeasureOutcome.Measured) o).measurement().perFork(metric);
      return Sample.of(hunt.judged(v[index]));
    }

    @Override
    public Sample pair(String commit, int index) {
      return pairBeside(commit, good, index);
    }

    @Override
    public Sample pairBeside(String commit, String reference, int index) {
      boolean[] announced = {false};
      Consumer<String> onFork =
          fork -> {
            if (!announced[0] && index == 0) {
              announced[0] = true;
              progress.note(
                  "  "
                      + commit.substring(0, 10)
                      + " runs interleaved with fresh forks of "
                      + (reference.equals(good) ? "good" : hunt.newTerm())
                      + " "
                      + reference.substring(0, 10)
                      + " (drift hits both alike)");
            }
            int space = fork.indexOf(' ');
            progress.fork(fork.substring(0, space), fork.substring(space + 1));
          };
      PairedForks.Result p = pairs.grow(reference, commit, index + 1, onFork);
      builds += p.built() ? 1 : 0;
      measurements += p.ran();
      cost.build += p.buildSeconds();
      cost.measure += p.measureSeconds();
      cost.cached &= p.cached();
      cost.attempts += (p.cached() ? 0 : 1) + p.retries();
      if (p.failure() != null) {
        failure = p.failure();
        return Sample.untestable(p.failure());
      }
      pairedCandidate.put(commit + " beside " + reference, p.candidate());
      pairedReference.put(commit + " beside " + reference, p.reference());
      return Sample.pair(
          hunt.judged(metric.of(p.candidate().get(index))),
          hunt.judged(metric.of(p.reference().get(index))));
    }

    /** The report's row for one probe, with what this run spent on it. */
    BisectReport.Step reportStep(BisectEngine.Step s) {
      CommitInfo c = s.commit();
      int attempts = Math.max(cost.attempts, cost.cached ? 0 : 1);
      if (s.verdict() == StepVerdict.UNTESTABLE) {
        return BisectReport.Step.of(
                c.sha(),
                c.subject(),
                StepRole.STEP,
                StepVerdict.UNTESTABLE,
                null,
                cost.cached,
                cost.build,
                cost.measure,
                0,
                s.failure())
            .withAttempts(attempts);
      }
      List<ForkStats> cand;
      Double vsGood = null;
      String besideBad = null;
      if (s.pairs() > 0) {
        String with = s.besideBad() ? badSha : good;
        cand = pairedCandidate.get(c.sha() + " beside " + with).subList(0, s.forks());
        List<ForkStats> ref =
            pairedReference.get(c.sha() + " beside " + with).subList(0, s.pairs());
        double ratio = metric.of(Histograms.summarize(cand)) / metric.of(Histograms.summarize(ref));
        if (!s.besideBad()) {
          vsGood = ratio;
        } else {
          besideBad =
              "beside fresh forks of "
                  + hunt.newTerm()
                  + " "
                  + with.substring(0, 10)
                  + ": "
                  + Units.percent(ratio)
                  + " of it";
        }
      } else {
        cand = measured.get(c.sha()).forks().subList(0, s.forks());
      }
      String note =
          s.between()
              ? (s.outside() ? "sits outside both levels: " : "sits between the levels: ")
                  + Units.percent(hunt.judged(Math.exp(s.logRatio())))
                  + " of "
                  + hunt.oldTerm()
                  + (s.verdict() == StepVerdict.BAD ? ", beyond" : ", within")
                  + " the threshold"
              : null;
      if (besideBad != null) {
        note = note == null ? besideBad : note + "; " + besideBad;
      }
      BisectReport.Step step =
          BisectReport.Step.of(
              c.sha(),
              c.subject(),
              StepRole.STEP,
              s.verdict(),
              Figures.of(c.sha(), cand),
              cost.cached,
              cost.build,
              cost.measure,
              0,
              note);
      if (vsGood != null) {
        step = step.paired(vsGood, s.forks());
      }
      return step.withAttempts(attempts)
          .withEvidence(s.pairs(), s.logRatio(), s.evidence(), s.between());
    }
  }

  /** Why the search stopped early, what is left, and what to do about it (one line). */
  private String budgetMessage(int candidatesLeft) {
    return budget.describe()
        + "; "
        + candidatesLeft
        + " candidates left. If the steps kept growing their forks, run `culprit noise` to see"
        + " what this machine can resolve; then raise "
        + budget.options()
        + ", raise the threshold or pick a steadier --metric";
  }

  private Measurement endpoint(CommitInfo c, StepRole role, int forks) {
    progress.nextStep();
    progress.planForks(forks);
    MeasureOutcome o = ensure(c, forks);
    if (o instanceof MeasureOutcome.Untestable u) {
      steps.add(
          BisectReport.Step.of(
                  c.sha(),
                  c.subject(),
                  role,
                  StepVerdict.UNTESTABLE,
                  null,
                  u.cost().cached(),
                  u.cost().buildSeconds(),
                  u.cost().measureSeconds(),
                  u.cost().overheadSeconds(),
                  u.reason())
              .withAttempts(u.attempts()));
      throw new CulpritException(
          ExitCode.USAGE,
          "the "
              + role.label()
              + " endpoint "
              + c.sha().substring(0, 10)
              + " is untestable: "
              + u.reason()
              + " (log: "
              + u.log()
              + "); pick a --"
              + role.label()
              + " commit that builds and runs");
    }
    Measurement m = ((MeasureOutcome.Measured) o).measurement();
    steps.add(
        BisectReport.Step.of(
                c.sha(),
                c.subject(),
                role,
                role == StepRole.GOOD ? StepVerdict.GOOD : StepVerdict.BAD,
                // the first forks, as judged: forks stored later (the steps' good forks, a
                // verification) must not change a rerun's figures
                Figures.of(c.sha(), m.forks().subList(0, Math.min(forks, m.forkCount()))),
                o.cost().cached(),
                o.cost().buildSeconds(),
                o.cost().measureSeconds(),
                o.cost().overheadSeconds(),
                null)
            .withAttempts(o.attempts()));
    return m;
  }

  /** Measures a commit to at least {@code forks} forks and remembers the result. */
  private MeasureOutcome ensure(CommitInfo c, int forks) {
    MeasureOutcome o = measurer.measure(c.sha(), forks);
    account(o);
    if (o instanceof MeasureOutcome.Measured m) {
      measured.put(c.sha(), m.measurement());
    }
    return o;
  }

  /**
   * Judges the bad endpoint against good (is there a regression to hunt?) on the first k stored
   * forks of each, k the smaller count, so forks stored later (a verification, a compare) do not
   * change a rerun's verdict; while the rule is unsure, doubles the forks of both, up to the
   * per-step budget.
   */
  private StepVerdict judgeEndpoints(Range range, int[] used) {
    int forks = options.minForksPerStep();
    endpointForks = forks;
    StepVerdict v = judgeEndpoints(range, forks);
    while (v == StepVerdict.UNSURE && forks * 2 <= options.maxForksPerStep() && !budget.spent()) {
      forks *= 2;
      progress.note(
          "  "
              + range.bad().sha().substring(0, 10)
              + " unsure: growing to "
              + forks
              + " forks per side");
      ensure(range.good(), forks);
      ensure(range.bad(), forks);
      v = judgeEndpoints(range, forks);
      endpointForks = forks;
    }
    used[0] = forks;
    return v;
  }

  private StepVerdict judgeEndpoints(Range range, int forks) {
    double[] good = measured.get(range.good().sha()).perFork(metric);
    double[] bad = measured.get(range.bad().sha()).perFork(metric);
    int k = Math.min(forks, Math.min(good.length, bad.length));
    double[] b = java.util.Arrays.copyOf(bad, k);
    return rule.judge(java.util.Arrays.copyOf(good, k), b, b, threshold);
  }

  /**
   * Measures the candidate interleaved with fresh forks of the good endpoint (see {@link
   * PairedForks}) and judges it on those, with the first forks of the bad endpoint's stored ones as
   * the other reference; while the rule is unsure, doubles the forks of the pairing (and of bad),
   * up to the per-step budget.
   */
  private StepVerdict step(CommitInfo c, Range range) {
    String good = range.good().sha();
    boolean[] announced = {false};
    Consumer<String> onFork =
        fork -> {
          if (!announced[0]) {
            announced[0] = true;
            progress.note(
                "  "
                    + c.sha().substring(0, 10)
                    + " runs interleaved with fresh forks of good "
                    + good.substring(0, 10)
                    + " (drift hits both alike)");
          }
          int space = fork.indexOf(' ');
          progress.fork(fork.substring(0, space), fork.substring(space + 1));
        };
    int n = options.minForksPerStep();
    double build = 0;
    double measure = 0;
    boolean cached = true;
    int retries = 0;
    while (true) {
      progress.planForks(2 * n);
      PairedForks.Result p = pairs.grow(good, c.sha(), n, onFork);
      builds += p.built() ? 1 : 0;
      measurements += p.ran();
      build += p.buildSeconds();
      measure += p.measureSeconds();
      cached &= p.cached();
      retries += p.retries();
      if (p.failure() != null) {
        progress.stepCost(build + measure, cached);
        steps.add(
            BisectReport.Step.of(
                    c.sha(),
                    c.subject(),
                    StepRole.STEP,
                    StepVerdict.UNTESTABLE,
                    null,
                    cached,
                    build,
                    measure,
                    0,
                    p.failure())
                .withAttempts((cached ? 0 : 1) + retries));
        return StepVerdict.UNTESTABLE;
      }
      ensure(range.bad(), n);
      double[] bad = measured.get(range.bad().sha()).perFork(metric);
      StepVerdict v =
          rule.judge(
              values(p.reference()),
              java.util.Arrays.copyOf(bad, Math.min(n, bad.length)),
              values(p.candidate()),
              threshold);
      if (v == StepVerdict.UNSURE && n * 2 <= options.maxForksPerStep() && !budget.spent()) {
        n *= 2;
        progress.note(
            "  "
                + c.sha().substring(0, 10)
                + " unsure: growing to "
                + n
                + " forks per side (interleaved with good "
                + good.substring(0, 10)
                + ")");
        continue;
      }
      progress.stepCost(build + measure, cached);
      double vsGood =
          metric.of(Histograms.summarize(p.candidate()))
              / metric.of(Histograms.summarize(p.reference()));
      steps.add(
          BisectReport.Step.of(
                  c.sha(),
                  c.subject(),
                  StepRole.STEP,
                  v,
                  Figures.of(c.sha(), p.candidate()),
                  cached,
                  build,
                  measure,
                  0,
                  null)
              .paired(vsGood, n)
              .withAttempts((cached ? 0 : 1) + retries));
      return v;
    }
  }

  /**
   * An endpoint's first forks, as many as its judgement used: forks stored later (the steps' good
   * forks, a verification's) do not change a rerun's figures.
   */
  /** The endpoints' steps show the forks their judgement used, as the top-level figures do. */
  private void refigureEndpoints() {
    for (int i = 0; i < steps.size(); i++) {
      BisectReport.Step s = steps.get(i);
      Measurement m = measured.get(s.sha());
      if ((s.role() == StepRole.GOOD || s.role() == StepRole.BAD) && m != null) {
        steps.set(
            i,
            BisectReport.Step.of(
                    s.sha(),
                    s.subject(),
                    s.role(),
                    s.verdict(),
                    Figures.of(s.sha(), judged(m)),
                    s.cached(),
                    s.buildSeconds(),
                    s.measureSeconds(),
                    s.overheadSeconds(),
                    s.note())
                .withAttempts(s.attempts()));
      }
    }
  }

  /**
   * On {@code --metric alloc}, the answer when the endpoints' alloc step is JMH's own bookkeeping,
   * or null. A benchmark that allocates (almost) nothing reads JMH's own allocation, which follows
   * its time per op: such a step is the time's, not the code's. Both searches ask it.
   */
  private BisectReport allocIsJmhOwn(Range range) {
    String why =
        metric == Metric.ALLOC ? allocBookkeeping(range.good().sha(), range.bad().sha()) : null;
    if (why == null) {
      return null;
    }
    progress.note("  endpoints: " + why);
    return report(
        BisectStatus.NO_REGRESSION,
        null,
        List.of(),
        range,
        noRegressionAsJudged(range, "; " + why));
  }

  /**
   * Why the endpoints' alloc change is JMH's own bookkeeping ({@link AllocBookkeeping}) on the
   * forks the endpoint test judged, or null when it is the code's.
   */
  private String allocBookkeeping(String goodSha, String badSha) {
    // the endpoints' figures as the step table shows them: their judged forks merged
    Summary g = Histograms.summarize(judged(measured.get(goodSha)));
    Summary b = Histograms.summarize(judged(measured.get(badSha)));
    double ga = Metric.ALLOC.of(g);
    double ba = Metric.ALLOC.of(b);
    return AllocBookkeeping.within(ga, ba, g.meanNanos(), b.meanNanos())
        ? AllocBookkeeping.why(ga, ba, g.meanNanos(), b.meanNanos())
        : null;
  }

  private List<ForkStats> judged(Measurement m) {
    int k = endpointForks == 0 ? options.minForksPerStep() : endpointForks;
    return m.forks().subList(0, Math.min(k, m.forkCount()));
  }

  private double[] values(List<dev.culprit.measure.ForkStats> forks) {
    return forks.stream().mapToDouble(metric::of).toArray();
  }

  private void account(MeasureOutcome o) {
    if (o.cost().built()) {
      builds++;
    }
    if (o instanceof MeasureOutcome.Measured && o.cost().measureSeconds() > 0) {
      measurements++;
    }
  }

  private BisectReport report(
      BisectStatus status,
      CommitInfo culprit,
      List<String> candidates,
      Range range,
      String message) {
    BisectReport.CulpritRef ref =
        culprit == null
            ? null
            : new BisectReport.CulpritRef(
                culprit.sha(),
                culprit.subject(),
                culprit.parents().isEmpty() ? null : culprit.parents().get(0),
                culprit.authorName() + " <" + culprit.authorEmail() + ">",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    culprit.authorTime().atOffset(ZoneOffset.UTC)));
    Measurement bad = measured.get(range.bad().sha());
    return new BisectReport(
        status,
        ref,
        candidates,
        metric.label(),
        threshold,
        Figures.of(range.good().sha(), judged(measured.get(range.good().sha()))),
        bad == null ? null : Figures.of(range.bad().sha(), judged(bad)),
        steps,
        builds,
        measurements,
        Math.round(progress.elapsedSeconds() * 10) / 10.0,
        message,
        null,
        null,
        null,
        hunt,
        null,
        budget.use(),
        null,
        null,
        null);
  }
}

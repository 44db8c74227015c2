package dev.culprit.bisect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.culprit.measure.Figures;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.stats.StepVerdict;
import java.util.List;
import java.util.Map;

/**
 * The result of a bisect, in the shape of the {@code --json} contract (and of result.json). Every
 * figure comes from stored measurements; {@code verification} and {@code profile} are filled when
 * those ran, {@code report} once the report files are written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema"})
public record BisectReport(
    BisectStatus status,
    CulpritRef culprit,
    List<String> candidates,
    String metric,
    double threshold,
    Figures good,
    Figures bad,
    List<Step> steps,
    int builds,
    int measurements,
    double seconds,
    String message,
    Verification verification,
    ProfileSummary profile,
    String report,
    Hunt hunt,
    ForkCounts forkCounts,
    Budget.Use budget,
    String mode,
    List<Candidate> posterior,
    Boolean staircase,
    SeriesChoice series,
    SearchLevels levels) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/bisect.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  /** {@code hunt} is slower when absent (results written before speed-up hunts existed). */
  @JsonCreator
  public BisectReport {
    candidates = List.copyOf(candidates);
    steps = List.copyOf(steps);
    hunt = hunt == null ? Hunt.SLOWER : hunt;
    posterior = posterior == null ? null : List.copyOf(posterior);
  }

  /**
   * A candidate for the first bad commit and the search's probability that it is (the top five,
   * most probable first).
   */
  public record Candidate(String commit, String subject, double probability) {}

  /**
   * How the search measured and what it believes at the end: {@code mode} "unpaired" (candidate
   * forks alone, the levels far apart) or "paired" (each beside a fresh fork of good), the top of
   * the posterior, and whether a commit sat between the levels (a staircase; null when not).
   */
  /**
   * The two levels the search judged commits against, as measured on the endpoints before it began:
   * {@code good} and {@code bad} the medians of their forks (the metric's unit: ns, or bytes for
   * alloc), {@code spread} the per-fork spread of log values the evidence assumed (widened for the
   * few forks it rests on), {@code separation} the levels' distance in spreads, {@code
   * forksPerEndpoint} the forks each endpoint gave. The search runs unpaired (candidate forks
   * alone) when the separation is at least {@value Levels#UNPAIRED_SEPARATION} and the levels at
   * least 2x apart; otherwise every candidate fork runs beside a fresh fork of good.
   */
  public record SearchLevels(
      double good, double bad, double spread, double separation, int forksPerEndpoint) {
    /** The levels as a report shows them ({@code forks}: per endpoint). */
    public static SearchLevels of(Levels l, int forks) {
      return new SearchLevels(
          Math.exp(l.muGood()),
          Math.exp(l.muBad()),
          Math.round(l.sigma() * 1e4) / 1e4,
          Math.round(l.separation() * 100) / 100.0,
          forks);
    }
  }

  /** This report with the levels its search judged against (see {@link SearchLevels}). */
  public BisectReport withLevels(SearchLevels l) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        series,
        l);
  }

  public BisectReport withSearch(String mode, List<Candidate> posterior, boolean staircase) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase ? Boolean.TRUE : null,
        series,
        levels);
  }

  /** A report without the search's summary ({@link #withSearch} adds it). */
  public BisectReport(
      BisectStatus status,
      CulpritRef culprit,
      List<String> candidates,
      String metric,
      double threshold,
      Figures good,
      Figures bad,
      List<Step> steps,
      int builds,
      int measurements,
      double seconds,
      String message,
      Verification verification,
      ProfileSummary profile,
      String report,
      Hunt hunt,
      ForkCounts forkCounts,
      Budget.Use budget) {
    this(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        null,
        null,
        null,
        null,
        null);
  }

  /** A regression hunt's report. */
  public BisectReport(
      BisectStatus status,
      CulpritRef culprit,
      List<String> candidates,
      String metric,
      double threshold,
      Figures good,
      Figures bad,
      List<Step> steps,
      int builds,
      int measurements,
      double seconds,
      String message,
      Verification verification,
      ProfileSummary profile,
      String report) {
    this(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        Hunt.SLOWER,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** This report, hunting {@code h}. */
  public BisectReport withHunt(Hunt h) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        h,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  /**
   * Which series of a suite was hunted ({@code label}, {@code benchmark}, {@code params}) and why
   * ({@code chosenBy}: "--benchmark" or "largest regression"), with every series' endpoint ratio on
   * the metric ({@code endpoints}, bad / good; null where a side could not be measured) and the
   * other series that regressed too ({@code alsoRegressed}: bisect each with --benchmark).
   */
  public record SeriesChoice(
      String label,
      String benchmark,
      Map<String, String> params,
      String chosenBy,
      List<SeriesEndpoints> endpoints,
      List<String> alsoRegressed) {
    public SeriesChoice {
      params = Map.copyOf(params);
      endpoints = List.copyOf(endpoints);
      alsoRegressed = List.copyOf(alsoRegressed);
    }
  }

  /**
   * One series' endpoints: bad / good on the metric (medians of forks) and the endpoint rule's
   * verdict.
   */
  public record SeriesEndpoints(String label, Double ratio, StepVerdict verdict) {}

  /** A report of one benchmark (no series choice). */
  public BisectReport(
      BisectStatus status,
      CulpritRef culprit,
      List<String> candidates,
      String metric,
      double threshold,
      Figures good,
      Figures bad,
      List<Step> steps,
      int builds,
      int measurements,
      double seconds,
      String message,
      Verification verification,
      ProfileSummary profile,
      String report,
      Hunt hunt,
      ForkCounts forkCounts,
      Budget.Use budget,
      String mode,
      List<Candidate> posterior,
      Boolean staircase) {
    this(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        null,
        null);
  }

  /** This report with the series choice that preceded it. */
  public BisectReport withSeries(SeriesChoice choice) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        choice,
        levels);
  }

  public record CulpritRef(String sha, String subject, String parent, String author, String date) {}

  /** One measured (or attempted) commit of the search, in order. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Step(
      String sha,
      String subject,
      StepRole role,
      StepVerdict verdict,
      Long p50Ns,
      Long p95Ns,
      Long p99Ns,
      Double meanNs,
      Double allocBytesPerOp,
      int forks,
      boolean cached,
      double buildSeconds,
      double measureSeconds,
      double overheadSeconds,
      String note,
      Double vsGood,
      Integer pairedForks,
      int attempts,
      Integer pairs,
      Double logRatio,
      Double evidence,
      Boolean between) {
    public static Step of(
        String sha,
        String subject,
        StepRole role,
        StepVerdict verdict,
        Figures f,
        boolean cached,
        double buildSeconds,
        double measureSeconds,
        double overheadSeconds,
        String note) {
      return new Step(
          sha,
          subject,
          role,
          verdict,
          f == null ? null : f.p50Ns(),
          f == null ? null : f.p95Ns(),
          f == null ? null : f.p99Ns(),
          f == null ? null : f.meanNs(),
          f == null ? null : f.allocBytesPerOp(),
          f == null ? 0 : f.forks(),
          cached,
          r3(buildSeconds),
          r3(measureSeconds),
          r3(overheadSeconds),
          note,
          null,
          null,
          cached ? 0 : 1,
          null,
          null,
          null,
          null);
    }

    /** The build and JMH attempts this run made for the step (0 when cached; 2 after one retry). */
    public Step withAttempts(int n) {
      return new Step(
          sha,
          subject,
          role,
          verdict,
          p50Ns,
          p95Ns,
          p99Ns,
          meanNs,
          allocBytesPerOp,
          forks,
          cached,
          buildSeconds,
          measureSeconds,
          overheadSeconds,
          note,
          vsGood,
          pairedForks,
          n,
          pairs,
          logRatio,
          evidence,
          between);
    }

    /**
     * A step judged on forks run interleaved with the good endpoint's: {@code vsGood} is the ratio
     * of the candidate's to those good forks' metric, {@code pairedForks} the forks per side.
     */
    public Step paired(double vsGood, int pairedForks) {
      return new Step(
          sha,
          subject,
          role,
          verdict,
          p50Ns,
          p95Ns,
          p99Ns,
          meanNs,
          allocBytesPerOp,
          forks,
          cached,
          buildSeconds,
          measureSeconds,
          overheadSeconds,
          note,
          Math.round(vsGood * 10000) / 10000.0,
          pairedForks,
          attempts,
          pairs,
          logRatio,
          evidence,
          between);
    }

    /**
     * A step of the sequential search: {@code pairs} reference forks measured beside the
     * candidate's (0 unpaired), {@code logRatio} the mean log ratio of the candidate to the good
     * level (unpaired) or to its references (paired), {@code evidence} the commit's log-likelihood
     * ratio bad vs good over its forks so far (+ = bad), {@code between} whether it sits at neither
     * level (a staircase).
     */
    public Step withEvidence(int pairs, double logRatio, double evidence, boolean between) {
      return new Step(
          sha,
          subject,
          role,
          verdict,
          p50Ns,
          p95Ns,
          p99Ns,
          meanNs,
          allocBytesPerOp,
          forks,
          cached,
          buildSeconds,
          measureSeconds,
          overheadSeconds,
          note,
          vsGood,
          pairedForks,
          attempts,
          pairs,
          Double.isNaN(logRatio) ? null : Math.round(logRatio * 10000) / 10000.0,
          Math.round(evidence * 1000) / 1000.0,
          between);
    }
  }

  /** The same report with {@code more} after its message ("; " between them). */
  public BisectReport withMessageAppended(String more) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message == null || message.isEmpty() ? more : message + "; " + more,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  public BisectReport withVerification(Verification v) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        v,
        profile,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  public BisectReport withProfile(ProfileSummary p) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        p,
        report,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  public BisectReport withReport(String path) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        path,
        hunt,
        forkCounts,
        budget,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  /** The forks this invocation ran, by phase (all 0 on a rerun that replays stored evidence). */
  public BisectReport withForkCounts(ForkCounts f) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        f,
        budget,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  /** What the run's budget allowed and what it used; null when no limit was set. */
  public BisectReport withBudget(Budget.Use b) {
    return new BisectReport(
        status,
        culprit,
        candidates,
        metric,
        threshold,
        good,
        bad,
        steps,
        builds,
        measurements,
        seconds,
        message,
        verification,
        profile,
        report,
        hunt,
        forkCounts,
        b,
        mode,
        posterior,
        staircase,
        series,
        levels);
  }

  /**
   * JMH forks this invocation ran, by phase: the search's (endpoints and steps), the verification's
   * (fresh forks of the culprit and its parent, interleaved), the profiler's (separate runs,
   * timings not stored). A rerun that finds everything stored reports 0, 0, 0.
   */
  public record ForkCounts(int search, int verification, int profile) {
    public static final ForkCounts NONE = new ForkCounts(0, 0, 0);

    public int total() {
      return search + verification + profile;
    }

    /** "12 search, 6 verification, 2 profile". */
    public String describe() {
      return search + " search, " + verification + " verification, " + profile + " profile";
    }
  }

  static double r3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}

package dev.culprit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Bisector;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.Progress;
import dev.culprit.bisect.StepRules;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.FixtureRepos;
import dev.culprit.git.GitRepo;
import dev.culprit.measure.SimulatedMeasurer;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.store.ResultStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gap bisection with the speed-up hunt ({@code sweep --bisect-gaps --hunt faster|both}) over a real
 * JGit history of 40 commits, measured by a SIMULATED measurer ({@link SimulatedMeasurer}: no
 * build, no JMH, 2 % fork noise): 50 % slower at c10, fast again at c20, 60 % slower at c29, swept
 * every 3rd commit, so each step lies in a gap of two unmeasured commits. (SweeperTest covers the
 * default, regressions-only sweep over the same shape.)
 */
class SweepSpeedUpHuntTest {
  private static final int N = 40;

  @TempDir static Path dir;

  private static List<String> ids;

  @TempDir Path results;

  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void history() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      ids = f.linear(N);
    }
  }

  private static double level(String sha) {
    return SimulatedSweepFixture.level(ids, sha);
  }

  private Progress progress() {
    return new Progress(new PrintWriter(err, true), false, System::nanoTime);
  }

  /** Bisects with the hunt the sweep asks for; remembers each bracket with its hunt. */
  private Sweeper.GapBisector gaps(GitRepo repo, SimulatedMeasurer m, List<String> asked) {
    return (before, after, metric, hunt) -> {
      asked.add(
          metric.label()
              + " c"
              + ids.indexOf(before.sha())
              + "..c"
              + ids.indexOf(after.sha())
              + " "
              + hunt.label());
      var options = new Bisector.Options(metric, 0.1, false, 3, 12, 42L);
      var pairs = new PairedForks(m, new ResultStore(results), "sim");
      Bisector.Range range = Bisector.validate(repo, before.sha(), after.sha(), false);
      BisectReport r =
          new Bisector(repo, m, pairs, StepRules.judge(3, 12), progress(), options)
              .hunting(hunt)
              .run(range)
              .withHunt(hunt);
      Culprit c =
          r.culprit() == null
              ? null
              : new Culprit(r.culprit().sha(), r.culprit().subject(), null, List.of());
      return new Sweeper.Gap(r, c);
    };
  }

  private Sweeper.Result sweep(GitRepo repo, long seed, Set<Hunt> hunts, List<String> asked) {
    SimulatedMeasurer m = new SimulatedMeasurer(SweepSpeedUpHuntTest::level, 0.02, Set.of(), seed);
    List<CommitInfo> h = new ArrayList<>(List.of(repo.resolve(ids.get(0))));
    h.addAll(repo.range(ids.get(0), ids.get(N - 1), false));
    return new Sweeper(repo, m, SimulatedSweepFixture.scenario(), progress())
        .run(h, 3, Selection.Shard.ALL, "c0..c39", Optional.empty(), gaps(repo, m, asked), hunts);
  }

  private static List<SweepChangePoint> onP95(Sweeper.Result r) {
    return r.document().changePoints().stream().filter(cp -> cp.metric().equals("p95")).toList();
  }

  private static String bracket(SweepChangePoint cp) {
    return "c" + ids.indexOf(cp.beforeSha()) + "..c" + ids.indexOf(cp.afterSha());
  }

  private static Integer culprit(SweepChangePoint cp) {
    return cp.culprit() == null ? null : ids.indexOf(cp.culprit().sha());
  }

  @Test
  void bothHuntsNameTheTwoRegressionsAndTheFirstFasterCommit() throws Exception {
    try (GitRepo repo = GitRepo.open(dir)) {
      List<String> asked = new ArrayList<>();
      Sweeper.Result r = sweep(repo, 11, EnumSet.allOf(Hunt.class), asked);

      assertThat(onP95(r))
          .extracting(
              SweepSpeedUpHuntTest::bracket,
              SweepChangePoint::kind,
              SweepSpeedUpHuntTest::culprit,
              SweepChangePoint::hunt)
          .containsExactly(
              tuple("c9..c12", ChangeKind.REGRESSION, 10, Hunt.SLOWER),
              tuple("c18..c21", ChangeKind.IMPROVEMENT, 20, Hunt.FASTER),
              tuple("c27..c30", ChangeKind.REGRESSION, 29, Hunt.SLOWER));
      assertThat(asked)
          .contains("p95 c9..c12 slower", "p95 c18..c21 faster", "p95 c27..c30 slower");
      assertThat(r.bisects())
          .filteredOn(b -> b.hunt() == Hunt.FASTER && b.metric().equals("p95"))
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.status()).isEqualTo(BisectStatus.CULPRIT);
                assertThat(b.culprit().sha()).isEqualTo(ids.get(20));
              });
      // the speed-up is still an improvement: it is not a new regression for the gate
      assertThat(r.newRegressions())
          .extracting(SweepSpeedUpHuntTest::bracket)
          .containsExactly("c9..c12", "c27..c30");

      // the sweep document says which gaps were bisected and with which hunt
      JsonNode json = ResultStore.JSON.valueToTree(r.document());
      List<String> hunts = new ArrayList<>();
      json.get("changePoints")
          .forEach(
              cp -> {
                if (cp.get("metric").asText().equals("p95")) {
                  hunts.add(cp.get("kind").asText() + " " + cp.path("hunt").asText("none"));
                }
              });
      assertThat(hunts)
          .containsExactly("regression slower", "improvement faster", "regression slower");
    }
  }

  @Test
  void theSpeedUpHuntAloneBisectsOnlyTheImprovement() throws Exception {
    try (GitRepo repo = GitRepo.open(dir)) {
      List<String> asked = new ArrayList<>();
      Sweeper.Result r = sweep(repo, 12, EnumSet.of(Hunt.FASTER), asked);

      assertThat(onP95(r))
          .extracting(
              SweepSpeedUpHuntTest::bracket, SweepSpeedUpHuntTest::culprit, SweepChangePoint::hunt)
          .containsExactly(
              tuple("c9..c12", null, null),
              tuple("c18..c21", 20, Hunt.FASTER),
              tuple("c27..c30", null, null));
      assertThat(asked).isNotEmpty().allMatch(a -> a.endsWith(" faster"));
      assertThat(r.bisects()).allMatch(b -> b.hunt() == Hunt.FASTER);
    }
  }
}

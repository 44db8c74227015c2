package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.bisect.BisectSelfTest.Condition;
import dev.culprit.bisect.BisectSelfTest.Setup;
import dev.culprit.stats.BisectBound;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows of {@code culprit selftest --bisect}, from real simulated bisects (fewer per row than the
 * published table).
 */
class BisectSelfTestTest {
  private static final BisectSelfTest.Config CONFIG =
      new BisectSelfTest.Config(
          0.10,
          0.99,
          List.of(
              new Setup(64, 5.0, 0.05, Condition.PLAIN),
              new Setup(64, 1.2, 0.20, Condition.PLAIN),
              new Setup(64, 0, 0.05, Condition.AA),
              new Setup(40, 5.0, 0.10, Condition.STAIRCASE),
              new Setup(64, 3.5, 0.05, Condition.PLAIN),
              new Setup(64, 2.0, 0.20, Condition.PLAIN)),
          40,
          9);
  private static final List<BisectSelfTest.Row> ROWS =
      BisectSelfTest.run(CONFIG, BisectSelfTest.rules());

  @Test
  void legacyRuleIsRightOnAClearRegressionAndOnAQuietAARange() {
    BisectSelfTest.Score clear = score(0, "legacy");
    assertThat(clear.right()).isGreaterThanOrEqualTo(0.95);
    assertThat(clear.meanForks()).isBetween(40.0, 120.0);
    assertThat(score(2, "legacy").right()).isEqualTo(1.0);
  }

  @Test
  void theEngineSaysNoRegressionOnAnAARangeAndUsesFewerForksOnA35xRow() {
    assertThat(score(2, "engine").right()).isGreaterThanOrEqualTo(0.99);
    BisectSelfTest.Score legacy = score(4, "legacy");
    BisectSelfTest.Score engine = score(4, "engine");
    assertThat(engine.right()).isGreaterThanOrEqualTo(0.95);
    // measured: 59.5 against 28.0 forks per bisect at 3.5x, CV 5 %, plain, 50 bisects
    assertThat(engine.meanForks()).isLessThan(0.75 * legacy.meanForks());
  }

  @Test
  void onlyTheNewEngineReportsAStaircase() {
    assertThat(score(3, "legacy").staircase()).isZero();
    assertThat(score(3, "engine").staircase()).isGreaterThan(0.1);
    assertThat(BisectSelfTest.render(ROWS, CONFIG, BisectSelfTest.rules()))
        .contains("staircase, 5.0x, CV 10 %: a staircase reported in 0.0 % (legacy)");
  }

  @Test
  void theTableSaysHowOftenASecondRegressionThatIsNotThereWasReported() {
    String table = BisectSelfTest.render(ROWS, CONFIG, BisectSelfTest.rules());
    assertThat(table).contains("one regression (4 rows): a staircase reported in ");
    double engine =
        List.of(0, 1, 4, 5).stream().mapToDouble(i -> score(i, "engine").staircase()).sum() / 4;
    assertThat(table)
        .contains(String.format(java.util.Locale.ROOT, "%.1f %% (engine)", 100 * engine));
    // the whole table (200 bisects a row, seed 1): 1.7 % on average before the paired search
    // lowered the endpoints' gap, 0.2 % after, 1.0 % once "between" was judged against the gap as
    // measured (Evidence.frame)
    assertThat(engine).isLessThanOrEqualTo(0.02);
  }

  @Test
  void aPairedStaircaseIsStillRecognisedWhileTheSearchAssumesALoweredGap() {
    // 5x the threshold in two steps of sqrt 1.5 each, CV 10 %: paired mode. Judged "between"
    // against the lowered gap (Levels.conservative) the middle level reads bad: at row seed 3, 200
    // bisects, a staircase was reported in 14.5 % of them; against the gap as measured and refined
    // (Evidence.frame) in 33.5 %, one of the two steps named in 88.5 % (94.0 % without the frame)
    BisectSelfTest.Row row =
        BisectSelfTest.row(
            CONFIG.withRuns(200),
            new Setup(64, 5.0, 0.10, Condition.STAIRCASE),
            3,
            List.of(BisectSelfTest.engine()));
    BisectSelfTest.Score engine = row.scores().get(0);
    assertThat(engine.staircase()).isGreaterThanOrEqualTo(0.25);
    assertThat(engine.right()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void legacyRuleMissesA12PercentRegressionAtCv20ForWantOfForks() {
    // 3-12 forks per side cannot put the interval of +12 % above +10 % at CV 20 %: it says the
    // endpoints show no regression (too noisy), which the table counts as missed, not right
    BisectSelfTest.Score weak = score(1, "legacy");
    assertThat(weak.right()).isLessThan(0.2);
    assertThat(weak.missed()).isGreaterThan(0.5);
  }

  @Test
  void theEnginesSequentialEndpointsFindA20PercentRegressionAtCv20ThatLegacyCallsNone() {
    // +20 % at a 10 % threshold and CV 20 %: the legacy endpoint rule says "no regression" in
    // most histories (84 % in the published table); the sequential test grows its pairs until it
    // knows, and the search's commits may take 8 probe budgets, so most bisects name the culprit
    BisectSelfTest.Score legacy = score(5, "legacy");
    BisectSelfTest.Score engine = score(5, "engine");
    assertThat(legacy.missed()).isGreaterThan(0.5);
    assertThat(engine.missed()).isLessThanOrEqualTo(0.1);
    assertThat(engine.right()).isGreaterThan(0.75);
  }

  @Test
  void sharesAddUpAndTheBoundIsTheCapacityFloor() {
    for (BisectSelfTest.Row row : ROWS) {
      for (BisectSelfTest.Score s : row.scores()) {
        assertThat(s.right() + s.wrong() + s.missed() + s.undecided()).isCloseTo(1, within(1e-9));
        assertThat(s.p95Forks()).isGreaterThanOrEqualTo((int) Math.floor(s.meanForks() * 0.5));
      }
    }
    assertThat(ROWS.get(0).boundForks())
        .isCloseTo(BisectBound.forks(64, 0.01, 1.5, 0.05), within(1e-9));
    assertThat(ROWS.get(2).boundForks()).as("no bound on an A/A range").isNull();
    assertThat(ROWS.get(3).boundForks())
        .as("a staircase's levels are sqrt(effect) apart")
        .isCloseTo(BisectBound.forks(40, 0.01, Math.sqrt(1.5), 0.10), within(1e-9));
  }

  @Test
  void theSameSeedGivesTheSameTableAndTheGoalColumnFollowsTheLastRule() {
    BisectSelfTest.Config small =
        new BisectSelfTest.Config(0.10, 0.99, CONFIG.cases().subList(0, 2), 5, 9);
    assertThat(BisectSelfTest.run(small, BisectSelfTest.rules()))
        .isEqualTo(BisectSelfTest.run(small, BisectSelfTest.rules()))
        .isNotEqualTo(BisectSelfTest.run(small.withSeed(10), BisectSelfTest.rules()));
    String table = BisectSelfTest.render(ROWS, CONFIG, BisectSelfTest.rules());
    assertThat(table).contains("40 bisects per row").contains("A/A").contains("staircase");
    assertThat(ROWS.get(1).goalMet()).as("1.2x: no goal").isNull();
    assertThat(ROWS.get(3).goalMet()).as("staircase: no goal").isNull();
    assertThat(ROWS.get(2).goalMet()).isNotNull();
  }

  private static BisectSelfTest.Score score(int row, String rule) {
    return ROWS.get(row).scores().stream()
        .filter(s -> s.rule().equals(rule))
        .findFirst()
        .orElseThrow();
  }
}

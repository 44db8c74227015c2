package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.bisect.BisectSelfTest;
import dev.culprit.error.ExitCode;
import dev.culprit.shape.SchemaCheck;
import dev.culprit.store.ResultStore;
import org.junit.jupiter.api.Test;

/** {@code culprit selftest --bisect} on the command line: the table, its JSON, bad input. */
class SelftestBisectCliTest {
  @Test
  void theJsonHoldsEveryRowOfTheTableWithEachRulesScore() throws Exception {
    CliHelpTest.Run r =
        CliHelpTest.run("selftest", "--bisect", "--replicates", "1", "--seed", "4", "--json", "-");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = ResultStore.JSON.readTree(r.out());
    assertThat(SchemaCheck.errors(doc, "selftest-bisect")).isEmpty();
    assertThat(doc.get("runs").asInt()).isEqualTo(1);
    assertThat(doc.get("seed").asLong()).isEqualTo(4);
    JsonNode rows = doc.get("rows");
    assertThat(rows.size()).isEqualTo(BisectSelfTest.Config.defaults().cases().size());
    for (JsonNode row : rows) {
      assertThat(row.get("setup").get("commits").asInt()).isIn(40, 64, 128, 1000);
      assertThat(row.get("scores").size()).isEqualTo(BisectSelfTest.rules().size());
      assertThat(row.get("scores").get(0).get("meanForks").asDouble()).isPositive();
    }
  }

  @Test
  void theTableShowsEveryRuleAndTheBound() {
    CliHelpTest.Run r = CliHelpTest.run("selftest", "--bisect", "--replicates", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("whole bisects, simulated").contains("bound").contains("goal");
    for (BisectSelfTest.NamedRule rule : BisectSelfTest.rules()) {
      assertThat(r.out()).contains(rule.name());
    }
  }

  @Test
  void jsonWithoutBisectIsAUsageError() {
    CliHelpTest.Run r = CliHelpTest.run("selftest", "--steps", "--json", "-");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains("--json").contains("--bisect").doesNotContain("\tat ");
  }
}

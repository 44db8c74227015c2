package dev.culprit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.GitRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoHistoryTest {
  @TempDir Path a;
  @TempDir Path b;

  @Test
  void generatesTheSameHistoryEveryTime() throws Exception {
    DemoHistory.Result ra = DemoHistory.generate(a);
    DemoHistory.Result rb = DemoHistory.generate(b);
    try (GitRepo ga = GitRepo.open(a.resolve("repo"));
        GitRepo gb = GitRepo.open(b.resolve("repo"))) {
      List<String> ia = ga.range(ra.good(), ra.bad(), false).stream().map(CommitInfo::sha).toList();
      List<String> ib = gb.range(rb.good(), rb.bad(), false).stream().map(CommitInfo::sha).toList();
      assertThat(ia).isEqualTo(ib).hasSize(ra.commits() - 1);
    }
    assertThat(rb).usingRecursiveComparison().ignoringFields("repo").isEqualTo(ra);
    // regenerating into the same folder replaces the repository and gives the same ids again
    assertThat(DemoHistory.generate(a).bad()).isEqualTo(ra.bad());
  }

  @Test
  void truthIsRecordedBesideTheRepoAndIsConsistent() throws Exception {
    DemoHistory.Result r = DemoHistory.generate(a);
    assertThat(r.commits()).isGreaterThanOrEqualTo(60);
    JsonNode truth = new ObjectMapper().readTree(a.resolve("truth.json").toFile());
    assertThat(truth.path("culprit").asText()).isEqualTo(r.culprit());
    assertThat(a.resolve("repo/truth.json")).doesNotExist();
    try (GitRepo g = GitRepo.open(a.resolve("repo"))) {
      List<String> order = g.range(r.good(), r.bad(), false).stream().map(CommitInfo::sha).toList();
      assertThat(g.resolve(r.good()).parents()).isEmpty();
      assertThat(g.isAncestor(r.culprit(), r.bad())).isTrue();
      int culprit = order.indexOf(r.culprit());
      int broken = order.indexOf(r.broken());
      int fix = order.indexOf(r.fix());
      assertThat(broken).isPositive().isLessThan(fix);
      assertThat(fix).isLessThan(culprit);
      assertThat(culprit).isBetween(order.size() / 3, order.size() - 5);
      assertThat(g.changedPaths(r.culprit())).containsExactly(DemoHistory.SRC + "LogParser.java");
      assertThat(g.resolve(r.culprit()).subject()).isEqualTo(r.culpritSubject());
    }
  }
}

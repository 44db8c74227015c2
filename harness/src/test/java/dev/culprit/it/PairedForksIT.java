package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.measure.ForkStats;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.ScenarioLoader;
import dev.culprit.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interleaved forks a bisect step is judged on: real builds, real JMH forks, one at a time in a
 * balanced order, kept so that a rerun judges on the same forks and a bigger budget continues them.
 */
class PairedForksIT {
  @TempDir Path tmp;

  @Test
  void forksAlternateAreKeptAndARerunReadsTheSameOnes() throws Exception {
    JmhFixture.Repo fx =
        JmhFixture.create(tmp.resolve("repo"), List.of("200", "2000", JmhFixture.BROKEN));
    String good = fx.commits().get(0);
    String cand = fx.commits().get(1);
    Path results = tmp.resolve("results");
    SharedJars.seed(results);
    List<String> order = new ArrayList<>();
    PairedForks.Result first;
    try (Workbench wb =
        Workbench.open(fx.dir(), ScenarioLoader.load(fx.scenario()), results, List.of())) {
      PairedForks pairs = new PairedForks(wb.measurer("bisect"), wb.store(), wb.scenario().name());
      first = pairs.grow(good, cand, 2, order::add);
      assertThat(first.failure()).isNull();
      assertThat(first.ran()).isEqualTo(4);
      // balanced: candidate, reference, reference, candidate
      assertThat(order)
          .containsExactly(
              "candidate " + cand, "reference " + good, "reference " + good, "candidate " + cand);
      assertThat(first.reference()).hasSize(2);
      assertThat(first.candidate()).hasSize(2);
      // the candidate does 10x the work of the reference, fork by fork
      for (int i = 0; i < 2; i++) {
        assertThat(first.candidate().get(i).p50Nanos())
            .isGreaterThan(3 * first.reference().get(i).p50Nanos());
      }
      // a commit that does not build is found out before any reference fork is spent on it
      order.clear();
      PairedForks.Result broken = pairs.grow(good, fx.commits().get(2), 2, order::add);
      assertThat(broken.failure()).contains("build");
      assertThat(order).containsExactly("candidate " + fx.commits().get(2));
    }
    Path pairing = pairingFile(results);
    assertThat(ResultStore.JSON.readTree(pairing.toFile()).path("forks")).hasSize(4);

    // a new process (a rerun, or a resume after a kill) reads the same forks and runs none
    order.clear();
    try (Workbench wb =
        Workbench.open(fx.dir(), ScenarioLoader.load(fx.scenario()), results, List.of())) {
      PairedForks pairs = new PairedForks(wb.measurer("bisect"), wb.store(), wb.scenario().name());
      PairedForks.Result again = pairs.grow(good, cand, 2, order::add);
      assertThat(again.ran()).isZero();
      assertThat(again.cached()).isTrue();
      assertThat(order).isEmpty();
      assertThat(histograms(again.reference())).isEqualTo(histograms(first.reference()));
      assertThat(histograms(again.candidate())).isEqualTo(histograms(first.candidate()));

      // a bigger budget continues the same sequence: the first forks stay first
      PairedForks.Result grown = pairs.grow(good, cand, 3, order::add);
      assertThat(grown.ran()).isEqualTo(2);
      assertThat(order).containsExactly("candidate " + cand, "reference " + good);
      assertThat(histograms(grown.candidate().subList(0, 2)))
          .isEqualTo(histograms(first.candidate()));
      assertThat(histograms(grown.reference().subList(0, 2)))
          .isEqualTo(histograms(first.reference()));
    }
    JsonNode doc = ResultStore.JSON.readTree(pairing.toFile());
    List<String> sides = new ArrayList<>();
    doc.path("forks").forEach(f -> sides.add(f.path("side").asText()));
    assertThat(sides)
        .containsExactly(
            "candidate", "reference", "reference", "candidate", "candidate", "reference");
  }

  private static List<String> histograms(List<ForkStats> forks) {
    return forks.stream().map(ForkStats::histogram).toList();
  }

  private static Path pairingFile(Path results) throws Exception {
    try (Stream<Path> s = Files.walk(results)) {
      List<Path> files =
          s.filter(
                  p ->
                      p.getParent().getFileName().toString().equals("pairs")
                          && p.toString().endsWith(".json"))
              .toList();
      assertThat(files).hasSize(1);
      return files.get(0);
    }
  }
}

package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.sweep.SweepDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite's sweep writes one document per series ({@code <selection>--<series>}): the index has a
 * section (and an overview row) per series, each with its own charts, and every document a page.
 */
class SuiteDashboardTest {
  @TempDir Path tmp;

  @Test
  void everySeriesOfASuiteHasItsSectionAndItsPage() throws IOException {
    Path results = tmp.resolve("results");
    SweepDocument one = DashboardFixture.demoFormat();
    for (String size : new String[] {"10", "20"}) {
      SweepFiles.write(
          SweepFiles.location(
              results, one.scenario(), "range-a-b--FormatBench.format_size_" + size),
          one.withBenchmark("demo.FormatBench.format:size=" + size));
    }
    Path site = tmp.resolve("site");
    Dashboard.Site written = Dashboard.write(results, site);
    String index = Files.readString(site.resolve("index.html"));
    assertThat(index)
        .contains(one.scenario() + " · demo.FormatBench.format:size=10")
        .contains(one.scenario() + " · demo.FormatBench.format:size=20");
    // both series charted, as one document alone would be (4 metrics each in the fixture)
    assertThat(written.charts()).isEqualTo(2 * 4);
    try (Stream<Path> pages = Files.list(site.resolve("sweeps").resolve(one.scenario()))) {
      assertThat(pages.count()).isEqualTo(2);
    }
  }

  @Test
  void aSingleBenchmarkKeepsOneSectionWhateverItsHistory() throws IOException {
    Path results = tmp.resolve("results");
    SweepDocument one = DashboardFixture.demoFormat();
    SweepFiles.write(SweepFiles.location(results, one.scenario(), "20261123-140500"), one);
    SweepFiles.write(SweepFiles.location(results, one.scenario(), "20261120-090000"), one);
    Dashboard.Site written = Dashboard.write(results, tmp.resolve("site"));
    assertThat(written.charts()).isEqualTo(4);
  }
}

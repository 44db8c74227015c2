package dev.culprit.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A suite's series from JMH's {@code -lp} listing, and how one series is named and run alone. */
class SeriesTest {
  /** In the layout of JMH 1.37's {@code -lp} listing (checked on the demo's benchmarks jar). */
  private static final List<String> LISTING =
      List.of(
          "Benchmarks: ",
          "dev.culprit.benchmarks.ParserBench.aggregate",
          "  param \"size\" = {10, 20}",
          "  param \"mode\" = {fast, safe}",
          "dev.culprit.benchmarks.ParserBench.parse",
          "  param \"size\" = {10, 20}",
          "fx.WorkBench.work");

  @Test
  void theListingIsCrossedIntoOneSeriesPerBenchmarkAndParameterValue() {
    List<Series> all = JmhRunner.parseSeriesListing(LISTING);
    assertThat(all.stream().map(Series::label))
        .containsExactly(
            "ParserBench.aggregate:mode=fast,size=10",
            "ParserBench.aggregate:mode=fast,size=20",
            "ParserBench.aggregate:mode=safe,size=10",
            "ParserBench.aggregate:mode=safe,size=20",
            "ParserBench.parse:size=10",
            "ParserBench.parse:size=20",
            "WorkBench.work");
  }

  @Test
  void anEmptyListingHasNoSeries() {
    assertThat(JmhRunner.parseSeriesListing(List.of("Benchmarks: "))).isEmpty();
  }

  @Test
  void aSeriesIsNamedByItsMethodAndSomeOrAllOfItsParameters() {
    Series s =
        new Series(
            "dev.culprit.benchmarks.ParserBench.parse",
            new TreeMap<>(Map.of("size", "10", "mode", "fast")));
    assertThat(s.matches("ParserBench.parse")).isTrue();
    assertThat(s.matches("dev.culprit.benchmarks.ParserBench.parse")).isTrue();
    assertThat(s.matches("ParserBench.parse:size=10")).isTrue();
    assertThat(s.matches(s.label())).isTrue();
    assertThat(s.matches("ParserBench.parse:size=20")).isFalse();
    assertThat(s.matches("Bench.parse")).isFalse(); // a suffix only at a dot
    assertThat(s.matches("ParserBench.aggregate")).isFalse();
    assertThat(s.slug()).isEqualTo("ParserBench.parse_mode_fast_size_10");
  }

  @Test
  void narrowedOptionsSelectExactlyThatBenchmarkWithOneValuePerParameter() {
    JmhOptions suite =
        new JmhOptions(
            "ParserBench",
            Map.of("size", List.of("10", "20")),
            2,
            1,
            Duration.ofMillis(100),
            2,
            Duration.ofMillis(100),
            List.of(),
            null);
    Series s = new Series("a.ParserBench.parse", new TreeMap<>(Map.of("size", "20")));
    JmhOptions one = s.narrow(suite);
    assertThat(one.params()).isEqualTo(Map.of("size", List.of("20")));
    Pattern include = Pattern.compile(one.include());
    assertThat(include.matcher("a.ParserBench.parse").find()).isTrue();
    assertThat(include.matcher("a.ParserBench.parseAll").find()).isFalse();
    assertThat(include.matcher("b.a.ParserBench.parse").find()).isFalse();
    assertThat(one.forks()).isEqualTo(2);
    // the fingerprint's arguments differ per series, so their measurements have their own keys
    assertThat(JmhRunner.selectionArgs(one)).isNotEqualTo(JmhRunner.selectionArgs(suite));
  }
}

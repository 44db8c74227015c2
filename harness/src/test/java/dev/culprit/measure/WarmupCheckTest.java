package dev.culprit.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up check on REAL JMH output: one fork each of the demo's commits, measured on this
 * machine with the demo scenario's settings but for the warm-up (2 x 500 ms, as shipped until
 * session 20, and 4 x 500 ms).
 */
class WarmupCheckTest {
  private static JmhJson.BenchmarkResult read(String name) throws Exception {
    List<JmhJson.BenchmarkResult> r =
        JmhJson.read(Path.of(WarmupCheckTest.class.getResource("/jmh/" + name).toURI()));
    assertThat(r).hasSize(1);
    return r.get(0);
  }

  @Test
  void aForkMeasuredBeforeItsJitSettledIsFlaggedWithTheWarmupToLengthen() throws Exception {
    // the bad commit, 2 x 500 ms: its first measurement iteration's p95 read 8.9 ms, the later
    // ones 1.5-1.6 ms (p50 1.4 ms throughout: only the tail shows the compiler at work)
    WarmupCheck.Finding bad = read("demo-bad-warmup-2x500ms.json").warmup();
    assertThat(bad.forks()).isEqualTo(1);
    assertThat(bad.any()).isTrue();
    assertThat(bad.slow().get(0).p95Ratio()).isGreaterThan(5);
    assertThat(bad.slow().get(0).p50Ratio()).isLessThan(WarmupCheck.P50_RATIO);
    assertThat(bad.describe("3ceb4dabfb"))
        .startsWith("1 of 1 forks of 3ceb4dabfb were still warming up")
        .contains("5.8x their p95")
        .contains("jmh.warmupIterations or jmh.warmupTime, now 2 x 500 ms");

    // the good commit, 2 x 500 ms: both its median and its tail started slow
    WarmupCheck.Finding good = read("demo-good-warmup-2x500ms.json").warmup();
    assertThat(good.any()).isTrue();
    assertThat(good.slow().get(0).p50Ratio()).isGreaterThan(2.5);
  }

  @Test
  void theSameBenchmarkWarmedTwiceAsLongIsNotFlagged() throws Exception {
    // of the 12 forks measured with 4 x 500 ms, this one's first iteration was the slowest
    // against its later ones (p95 1.35x): within the rule's allowance for one iteration's tail
    WarmupCheck.Finding f = read("demo-bad-warmup-4x500ms.json").warmup();
    assertThat(f.forks()).isEqualTo(1);
    assertThat(f.any()).isFalse();
  }

  private static JsonNode synthetic(String iterations) throws Exception {
    return new ObjectMapper()
        .readTree(
            "{\"warmupIterations\": 1, \"warmupTime\": \"100 ms\", \"primaryMetric\":"
                + " {\"scoreUnit\": \"us/op\", \"rawDataHistogram\": ["
                + iterations
                + "]}}");
  }

  @Test
  void onlyTheFirstIterationAgainstTheLaterOnesCountsAndOneIterationIsNotJudged() throws Exception {
    // a slow third iteration (a GC pause, a burst of load) is not a slow start
    WarmupCheck.Finding lateSpike =
        WarmupCheck.check(synthetic("[[[10.0, 100]], [[10.0, 100]], [[40.0, 100]]]"));
    assertThat(lateSpike.forks()).isEqualTo(1);
    assertThat(lateSpike.any()).isFalse();
    // a first iteration 1.6x slower at the median is a slow start; 1.4x is not
    WarmupCheck.Finding slow =
        WarmupCheck.check(
            synthetic(
                "[[[16.0, 100]], [[10.0, 100]], [[10.0, 100]]], [[[14.0, 100]], [[10.0, 90]]]"));
    assertThat(slow.forks()).isEqualTo(2);
    assertThat(slow.slow()).hasSize(1);
    assertThat(slow.slow().get(0).fork()).isZero();
    assertThat(slow.slow().get(0).p50Ratio()).isBetween(1.59, 1.61);
    assertThat(slow.describe("abc")).contains("1 of 2 forks of abc", "now 1 x 100 ms");
    // a fork of one measurement iteration has nothing to compare with
    assertThat(WarmupCheck.check(synthetic("[[[15.0, 100]]]")).forks()).isZero();
  }
}

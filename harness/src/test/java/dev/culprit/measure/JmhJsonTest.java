package dev.culprit.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmhJsonTest {
  private static List<JmhJson.BenchmarkResult> fixture() throws Exception {
    return JmhJson.read(Path.of(JmhJsonTest.class.getResource("/jmh/two-forks.json").toURI()));
  }

  @Test
  void perForkPercentilesMatchHandCountedRanks() throws Exception {
    // Fork 0 holds 200 samples: 100 x 1 us, 95 x 2 us, 5 x 10 us (two iterations merged).
    // p50 is rank 100 -> 1 us; p95 is rank 190 -> 2 us; p99 is rank 198 -> 10 us.
    ForkStats f0 = fixture().get(0).forks().get(0);
    assertThat(f0.samples()).isEqualTo(200);
    assertThat(f0.p50Nanos()).isEqualTo(1_000);
    assertThat(f0.p95Nanos()).isEqualTo(2_000);
    assertThat(f0.p99Nanos()).isEqualTo(10_000);
    // (100*1000 + 95*2000 + 5*10000) / 200 = 1700 ns; HdrHistogram's mean uses bucket midpoints
    // (10 us sits in an 8 ns bucket), so allow 0.1 %.
    assertThat(f0.meanNanos()).isCloseTo(1_700, offset(1.7));
  }

  @Test
  void secondForkAndAllocationPerFork() throws Exception {
    JmhJson.BenchmarkResult r = fixture().get(0);
    assertThat(r.benchmark()).isEqualTo("demo.ParserBench.parse");
    assertThat(r.forks()).hasSize(2);
    ForkStats f1 = r.forks().get(1);
    // 15 x 3 us, 5 x 4 us: p50 = rank 10 -> 3 us, p95 = rank 19 -> 4 us
    assertThat(f1.p50Nanos()).isEqualTo(3_000);
    assertThat(f1.p95Nanos()).isEqualTo(4_000);
    assertThat(r.forks().get(0).allocBytesPerOp()).isEqualTo(101.0);
    // the "NaN" string JMH writes for a missing iteration is skipped, not fatal
    assertThat(f1.allocBytesPerOp()).isEqualTo(96.0);
  }

  @Test
  void readsAllocationUnderJmh137sNameWithoutTheDotPrefix() throws Exception {
    // JMH 1.37 (the version culprit runs) writes "gc.alloc.rate.norm"; older JMH wrote
    // "·gc.alloc.rate.norm".
    JmhJson.BenchmarkResult r =
        JmhJson.read(Path.of(JmhJsonTest.class.getResource("/jmh/two-forks-jmh137.json").toURI()))
            .get(0);
    assertThat(r.forks().get(0).allocBytesPerOp()).isEqualTo(101.0);
    assertThat(r.forks().get(1).allocBytesPerOp()).isEqualTo(96.0);
  }

  @Test
  void mergedSummaryAddsTheForkHistograms() throws Exception {
    Summary s = Histograms.summarize(fixture().get(0).forks());
    // 220 samples: 100x1, 95x2, 15x3, 5x4, 5x10 us. p50 rank 110 -> 2 us; p95 rank 209 -> 3 us;
    // p99 rank 218 -> 10 us.
    assertThat(s.samples()).isEqualTo(220);
    assertThat(s.p50Nanos()).isEqualTo(2_000);
    assertThat(s.p95Nanos()).isEqualTo(3_000);
    assertThat(s.p99Nanos()).isEqualTo(10_000);
    assertThat(s.allocBytesPerOp()).isEqualTo(98.5);
  }

  @Test
  void storedHistogramRoundTripsExactly() throws Exception {
    ForkStats f0 = fixture().get(0).forks().get(0);
    org.HdrHistogram.Histogram h = Histograms.decode(f0.histogram());
    assertThat(h.getTotalCount()).isEqualTo(200);
    assertThat(Histograms.at(h, 95)).isEqualTo(f0.p95Nanos());
  }

  @Test
  void unitsConvertToNanoseconds() {
    assertThat(JmhJson.nanosPerUnit("us/op")).isEqualTo(1_000);
    assertThat(JmhJson.nanosPerUnit("ms/op")).isEqualTo(1_000_000);
    assertThat(JmhJson.nanosPerUnit("ns/op")).isEqualTo(1);
  }
}

package dev.culprit.benchmarks;

import dev.culprit.workload.Aggregator;
import dev.culprit.workload.LogParser;
import dev.culprit.workload.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The pinned scenario: parse (and aggregate) a fixed, seeded batch of access-log lines. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ParserBench {
  @Param({"2000"})
  int size;

  List<String> lines;

  @Setup
  public void setup() {
    lines = generate(size, 42);
  }

  @Benchmark
  public long parse() {
    long sum = 0;
    for (LogRecord r : LogParser.parse(lines)) {
      sum += r.status() + r.epochSecond();
    }
    return sum;
  }

  @Benchmark
  public int aggregate() {
    Aggregator a = new Aggregator();
    a.addAll(LogParser.parse(lines));
    return a.top(10).size();
  }

  static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
  static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64)", "curl/8.4.0", "okhttp/4.12.0", "Go-http-client/1.1"};
  static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  /** Seeded, so every commit parses exactly the same input. */
  static List<String> generate(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int status = rnd.nextInt(100) < 3 ? 500 + rnd.nextInt(4) : rnd.nextInt(100) < 10 ? 404 : 200;
      out.add(String.format(Locale.ROOT, "10.%d.%d.%d - - [%02d/%s/2026:%02d:%02d:%02d +0000] \"%s /api/v1/resource%d/%d?page=%d HTTP/1.1\" %d %d \"-\" \"%s\" %d.%04d",
          rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 1 + rnd.nextInt(28), MONTHS[rnd.nextInt(12)], rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60),
          METHODS[rnd.nextInt(METHODS.length)], rnd.nextInt(40), rnd.nextInt(1000), rnd.nextInt(9), status, rnd.nextInt(50_000),
          AGENTS[rnd.nextInt(AGENTS.length)], rnd.nextInt(2), rnd.nextInt(10_000)));
    }
    return out;
  }
}

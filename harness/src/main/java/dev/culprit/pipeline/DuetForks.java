package dev.culprit.pipeline;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.JmhRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Duet forks (Bulej et al., ICPE 2020): one fork of A and one of B at the same time, each pinned to
 * its own core, so both see the same machine at the same moment and drift or a burst of load hits
 * both alike. 'culprit noise --duet' measures whether that pays on this machine; nothing else uses
 * it yet.
 *
 * <p>A fork pinned to one core shares it with its own JIT compiler and GC threads. So the duet runs
 * with {@link #WARMUP_FACTOR} times the scenario's warm-up iterations (compilation should be over
 * before the measurement starts) and with {@link #JVM_FLAGS}: the JVM told it has one processor,
 * the serial GC and the two compiler threads it would choose on one core anyway (explicit, so a
 * fork does not depend on inheriting the affinity), and -Xbatch, so that a compilation that does
 * happen late runs in the benchmark thread's own time instead of preempting a measured operation.
 * These forks are not stored as measurements of the commit: their settings differ from the
 * scenario's.
 */
public final class DuetForks {
  /** JVM flags that fit a fork onto one core (see the class comment). */
  public static final List<String> JVM_FLAGS =
      List.of("-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-XX:CICompilerCount=2", "-Xbatch");

  /** The duet's warm-up iterations are this many times the scenario's. */
  public static final int WARMUP_FACTOR = 3;

  /** One duet pair: A's fork, B's fork, and the wall time of both together. */
  public record Pair(ForkStats a, ForkStats b, double seconds) {}

  private final PipelineMeasurer measurer;
  private final Path taskset;
  private final JmhOptions options;
  private final int coreA;
  private final int coreB;
  private int pairs;

  private DuetForks(PipelineMeasurer measurer, Path taskset, int cores) {
    this.measurer = measurer;
    this.taskset = taskset;
    this.options = options(measurer.scenario().jmh());
    this.coreA = cores - 2;
    this.coreB = cores - 1;
  }

  /**
   * Duet forks for {@code measurer}'s scenario, on the last two cores; a one-line error (exit 4)
   * when taskset is missing or the machine has fewer than 2 cores.
   */
  public static DuetForks open(PipelineMeasurer measurer) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores < 2) {
      throw CulpritException.environment(
          "--duet runs two forks at once, one per core, and this machine offers "
              + cores
              + " core; run 'culprit noise' without --duet");
    }
    Path taskset =
        onPath("taskset")
            .orElseThrow(
                () ->
                    CulpritException.environment(
                        "--duet pins each fork to a core with taskset, which is not on PATH;"
                            + " install util-linux (apt-get install util-linux)"));
    return new DuetForks(measurer, taskset, cores);
  }

  /** The scenario's JMH options as the duet runs them: longer warm-up, one-core JVM flags. */
  public static JmhOptions options(JmhOptions base) {
    List<String> jvm = new ArrayList<>(base.jvmArgs());
    jvm.addAll(JVM_FLAGS);
    return new JmhOptions(
        base.include(),
        base.params(),
        1,
        base.warmupIterations() * WARMUP_FACTOR,
        base.warmupTime(),
        base.iterations(),
        base.time(),
        jvm,
        base.timeout());
  }

  /** How the duet runs, e.g. "cores 0+1 (taskset), -wi 6, -XX:ActiveProcessorCount=1 ...". */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "cores %d+%d (taskset), -wi %d, %s, -Djmh.ignoreLock=true",
        coreA,
        coreB,
        options.warmupIterations(),
        String.join(" ", JVM_FLAGS));
  }

  /**
   * Builds {@code sha}'s benchmark jar if it is not kept yet, so that no pair pays a build; exit
   * 125 when it does not build.
   */
  public Path jar(String sha) {
    return measurer
        .artifact(sha)
        .orElseThrow(
            () ->
                new CulpritException(
                    ExitCode.UNTESTABLE,
                    "commit "
                        + sha.substring(0, 10)
                        + " does not build, so it cannot be measured; pick another with --commit"));
  }

  /** Runs one pair now: A on one core, B on the other, at the same time. */
  public Pair run(String shaA, String shaB) {
    Path jarA = jar(shaA);
    Path jarB = jar(shaB);
    int n = ++pairs;
    Path work = measurer.store().workDir();
    Path logs = measurer.store().logsDir(measurer.scenario().name());
    String tag = "duet-" + shaA.substring(0, 10) + "-" + shaB.substring(0, 10);
    JmhRunner.Duet d =
        measurer
            .jmh()
            .runDuet(
                jarA,
                jarB,
                options,
                taskset,
                coreA,
                coreB,
                work.resolve(tag + "-a.json"),
                work.resolve(tag + "-b.json"),
                logs.resolve(tag + "-a-" + n + "-jmh.log"),
                logs.resolve(tag + "-b-" + n + "-jmh.log"));
    return new Pair(fork(d.a(), "A", shaA), fork(d.b(), "B", shaB), d.elapsed().toNanos() / 1e9);
  }

  private static ForkStats fork(JmhRunner.Result r, String side, String sha) {
    if (r instanceof JmhRunner.Result.Ran ran) {
      return ran.forks().get(0);
    }
    JmhRunner.Result.Failed f = (JmhRunner.Result.Failed) r;
    throw new CulpritException(
        ExitCode.UNTESTABLE,
        "the duet fork of side "
            + side
            + " ("
            + sha.substring(0, 10)
            + ") failed: "
            + f.reason()
            + " (log: "
            + f.log()
            + ")");
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}

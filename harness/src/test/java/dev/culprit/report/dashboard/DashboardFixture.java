package dev.culprit.report.dashboard;

import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.CommitStatus;
import dev.culprit.sweep.Culprit;
import dev.culprit.sweep.MetricEstimate;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepCommit;
import dev.culprit.sweep.SweepDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results folder with hand-made sweep documents: two scenarios, one of them with an older sweep,
 * gaps, a regression blamed on a commit whose subject is a script tag, and an improvement.
 */
public final class DashboardFixture {
  static final String XSS_SUBJECT = "<script>alert(1)</script>";
  static final String XSS_AUTHOR = "Tom & Jerry <tj@example.com>";

  /**
   * Closes a script element and carries a line separator, which ends a line in older JavaScript.
   */
  static final String TRICKY_SUBJECT = "Fix </script><img src=x onerror=alert(2)> \u2028 edge";

  static final String REPORT = "demo-parse/bisect/20261123-140000-aaaa-bbbb/report.md";
  static final String FLAME = "demo-parse/bisect/20261123-140000-aaaa-bbbb/profiles/cpu-diff.html";

  static final int PARSE_COMMITS = 24;
  static final int PARSE_GAPS = 2;
  static final int FORMAT_COMMITS = 10;

  /** demo-parse charts all five metrics, demo-format has no alloc figures. */
  static final int CHARTS = 5 + 4;

  static final int POINTS = 5 * (PARSE_COMMITS - PARSE_GAPS) + 4 * FORMAT_COMMITS;
  static final int MARKERS = 2;
  static final int REGRESSION_AFTER = 15;

  private DashboardFixture() {}

  static Path write(Path resultsDir) throws IOException {
    SweepFiles.write(SweepFiles.location(resultsDir, "demo-parse", "20261123-140000"), demoParse());
    SweepFiles.write(
        SweepFiles.location(resultsDir, "demo-parse", "20261120-090000"), olderDemoParse());
    SweepFiles.write(
        SweepFiles.location(resultsDir, "demo-format", "20261123-140500"), demoFormat());
    Files.createDirectories(resultsDir.resolve(FLAME).getParent());
    Files.writeString(resultsDir.resolve(REPORT), "# culprit bisect report\n");
    Files.writeString(resultsDir.resolve(FLAME), "<html><body>flame</body></html>\n");
    return resultsDir;
  }

  /** Looks like a real commit id: hex spread over all 40 digits, reproducible. */
  public static String sha(int scenario, int i) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(
                  ("scenario " + scenario + " commit " + i)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static SweepDocument demoParse() {
    List<SweepCommit> commits = new ArrayList<>();
    for (int i = 0; i < PARSE_COMMITS; i++) {
      CommitStatus status =
          i == 5
              ? CommitStatus.UNTESTABLE
              : i == 12
                  ? CommitStatus.NOT_MEASURED
                  : i % 4 == 1 ? CommitStatus.REUSED : CommitStatus.MEASURED;
      double slow = i >= REGRESSION_AFTER ? 1.35 : 1.0;
      double lean = i >= 20 ? 0.8 : 1.0;
      double wobble = 1 + ((i * 37) % 7 - 3) / 100.0;
      Map<String, MetricEstimate> metrics = new LinkedHashMap<>();
      if (status != CommitStatus.UNTESTABLE && status != CommitStatus.NOT_MEASURED) {
        metrics.put("p50", around(12_000 * wobble));
        metrics.put("p95", around(23_800 * wobble * slow));
        metrics.put("p99", around(63_600 * wobble * slow));
        metrics.put("mean", around(14_100 * wobble * lean));
        metrics.put("alloc", around(2_048 * wobble));
      }
      String subject =
          i == REGRESSION_AFTER ? XSS_SUBJECT : i == 3 ? TRICKY_SUBJECT : "Parser: step " + i;
      String author = i == REGRESSION_AFTER ? XSS_AUTHOR : "Ada Lovelace <ada@example.com>";
      commits.add(
          new SweepCommit(
              i,
              sha(1, i),
              subject,
              author,
              Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i * 3600L),
              status,
              metrics));
    }
    Culprit culprit = new Culprit(sha(1, REGRESSION_AFTER), XSS_SUBJECT, REPORT, List.of(FLAME));
    List<SweepChangePoint> changes =
        List.of(
            new SweepChangePoint(
                "p95",
                REGRESSION_AFTER,
                sha(1, REGRESSION_AFTER - 1),
                sha(1, REGRESSION_AFTER),
                0.35,
                1e-6,
                ChangeKind.REGRESSION,
                culprit),
            new SweepChangePoint(
                "mean", 20, sha(1, 19), sha(1, 20), -0.2, 2e-4, ChangeKind.IMPROVEMENT, null));
    return new SweepDocument(
        1,
        "demo-parse",
        "demo.logstats.ParserBench.parse",
        "/tmp/demo-repo",
        "a1b2c3d..e4f5a6b",
        Instant.parse("2026-11-23T14:00:00Z"),
        commits,
        changes);
  }

  /** Same scenario, swept earlier over fewer commits: the page must show the newer one. */
  static SweepDocument olderDemoParse() {
    List<SweepCommit> commits = demoParse().commits().subList(0, 3);
    return new SweepDocument(
        1,
        "demo-parse",
        "demo.logstats.ParserBench.parse",
        "/tmp/demo-repo",
        "OLD..RANGE",
        Instant.parse("2026-11-20T09:00:00Z"),
        commits,
        List.of());
  }

  static SweepDocument demoFormat() {
    List<SweepCommit> commits = new ArrayList<>();
    for (int i = 0; i < FORMAT_COMMITS; i++) {
      Map<String, MetricEstimate> metrics = new LinkedHashMap<>();
      double wobble = 1 + ((i * 13) % 5 - 2) / 100.0;
      metrics.put("p50", around(1_450_000 * wobble));
      metrics.put("p95", around(1_900_000 * wobble));
      metrics.put("p99", around(2_600_000 * wobble));
      metrics.put("mean", around(1_500_000 * wobble));
      commits.add(
          new SweepCommit(
              i,
              sha(2, i),
              "Formatter: step " + i,
              "Grace Hopper <grace@example.com>",
              Instant.parse("2026-11-02T10:00:00Z").plusSeconds(i * 3600L),
              CommitStatus.MEASURED,
              metrics));
    }
    return new SweepDocument(
        1,
        "demo-format",
        "demo.logstats.FormatBench.format",
        "/tmp/demo-repo",
        "a1b2c3d..e4f5a6b",
        Instant.parse("2026-11-23T14:05:00Z"),
        commits,
        List.of());
  }

  private static MetricEstimate around(double value) {
    return MetricEstimate.of(value, value * 0.97, value * 1.04);
  }
}

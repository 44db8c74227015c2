package dev.culprit.cli;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.Hunt;
import dev.culprit.demo.DemoHistory;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.BisectFlow;
import dev.culprit.report.BisectRenderer;
import dev.culprit.scenario.ScenarioLoader;
import dev.culprit.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description = "Generate the demo history (a known culprit among 60+ commits) and bisect it.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit demo",
      "  culprit demo --dir /tmp/demo --results /tmp/results --no-profile --json demo.json",
      "  culprit demo --dir /tmp/demo --generate-only"
    })
@Exits({
  ExitCode.OK,
  ExitCode.USAGE,
  ExitCode.INCONCLUSIVE,
  ExitCode.ENVIRONMENT,
  ExitCode.INTERNAL
})
final class DemoCommand implements Callable<Integer> {
  /** Version of the demo --json document (results/schemas/demo.schema.json). */
  static final int JSON_SCHEMA = 1;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--dir",
      defaultValue = "results/demo",
      paramLabel = "DIR",
      description = "Where the demo repository and its truth go (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;
  @Mixin SharedOptions.Confidence confidence;

  @Option(names = "--no-profile", description = "Skip profiling the culprit.")
  boolean noProfile;

  @Option(names = "--no-verify", description = "Skip re-verifying the culprit against its parent.")
  boolean noVerify;

  @Option(
      names = "--generate-only",
      description =
          "Write the demo history, its truth and its scenario, print where, and stop (no bisect):"
              + " for bisecting it another way.")
  boolean generateOnly;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    DemoHistory.Result truth = DemoHistory.generate(dir);
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    err.printf(
        Locale.ROOT,
        "generated %d commits in %.1f s at %s (truth in %s)%n",
        truth.commits(),
        genSeconds,
        truth.repo(),
        dir.resolve("truth.json"));
    Path scenarioFile = dir.resolve("demo-parse.yaml");
    try (InputStream in =
        DemoCommand.class
            .getClassLoader()
            .getResourceAsStream("demo-template/benchmarks/scenarios/demo-parse.yaml")) {
      AtomicFiles.write(scenarioFile, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    // the scenario's yaml-language-server comment names its schema beside it
    try (InputStream in =
        DemoCommand.class
            .getClassLoader()
            .getResourceAsStream("demo-template/benchmarks/scenarios/scenario.schema.json")) {
      AtomicFiles.write(
          dir.resolve("scenario.schema.json"),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    if (generateOnly) {
      if (!"-".equals(json.target)) {
        out.printf(
            Locale.ROOT,
            "repo %s%nscenario %s%ngood %s%nbad %s%nculprit %s \"%s\"%n",
            truth.repo(),
            scenarioFile.toAbsolutePath(),
            truth.good(),
            truth.bad(),
            truth.culprit(),
            truth.culpritSubject());
      }
      Output.json(json.target, Map.of("truth", truth), out);
      return ExitCode.OK.code();
    }
    BisectReport r =
        BisectFlow.run(
            new BisectFlow.Request(
                Path.of(truth.repo()),
                truth.good(),
                truth.bad(),
                ScenarioLoader.load(scenarioFile),
                results.dir,
                false,
                null,
                12,
                !noProfile,
                !noVerify,
                Hunt.SLOWER,
                0,
                null,
                confidence.checked(),
                confidence.legacy),
            err);
    boolean match = r.culprit() != null && r.culprit().sha().equals(truth.culprit());
    if (!"-".equals(json.target)) {
      out.print(BisectRenderer.text(r));
      out.printf(
          Locale.ROOT,
          "%nknown culprit %s \"%s\": %s%n",
          truth.culprit().substring(0, 10),
          truth.culpritSubject(),
          match ? "MATCH" : "NO MATCH");
      out.printf(
          Locale.ROOT,
          "N = %d commits, %d measured (limit ceil(log2 N) + 3 = %d), %d builds, %.0f s%n",
          truth.commits() - 1,
          r.steps().size(),
          (int) Math.ceil(Math.log(truth.commits() - 1) / Math.log(2)) + 3,
          r.builds(),
          r.seconds());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", JSON_SCHEMA);
    doc.put("truth", truth);
    doc.put("matches", match);
    doc.put("result", r);
    Output.json(json.target, doc, out);
    return match ? ExitCode.OK.code() : ExitCode.INCONCLUSIVE.code();
  }
}

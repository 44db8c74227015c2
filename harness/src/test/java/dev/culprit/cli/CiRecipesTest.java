package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CI recipes in bisect-scripts/ci, checked for what breaks a workflow only when it runs: every
 * job's needs exist, every step uses an action or runs a script, every ${{ }} expression names a
 * defined step output, need, env, matrix key or input, every shell variable is defined or assigned,
 * and every culprit command line parses with culprit's own CLI. (.ci/run also runs actionlint on
 * the workflows.)
 */
class CiRecipesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path CI = projectRoot().resolve("bisect-scripts/ci");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");
  private static final Pattern CONTEXT_REF =
      Pattern.compile(
          "\\b(steps|needs|env|matrix|inputs|strategy|github|runner|secrets|vars)((?:\\.[A-Za-z0-9_-]+)+)");
  private static final Pattern SHELL_VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern CULPRIT_CALL =
      Pattern.compile(
          "(?:^|[;{(|&]|\\bthen|\\bdo)\\s*(?:\\S*/)?culprit\\s+([a-z]+)([^\\n]*)",
          Pattern.MULTILINE);
  private static final Set<String> GITHUB_PROPERTIES =
      Set.of(
          "repository",
          "event",
          "sha",
          "ref",
          "run_id",
          "server_url",
          "token",
          "workspace",
          "actor",
          "event_name",
          "repository_owner",
          "run_number",
          "job");

  @Test
  void theNightlySweepRestoresTheStoreMergesOneMachineTypeAndGatesOnThePreviousSweep()
      throws IOException {
    JsonNode wf = load("github-actions-sweep.yml");
    checkStructure(wf);
    Map<String, List<List<String>>> calls = culpritCalls(wf, "github-actions-sweep.yml");
    assertThat(calls.get("shard"))
        .anySatisfy(c -> assertThat(c).startsWith("sweep").contains("--shard"));
    assertThat(calls.get("merge"))
        .anySatisfy(c -> assertThat(c).startsWith("merge").contains("--same-environment"));
    assertThat(calls.get("merge"))
        .anySatisfy(c -> assertThat(c).startsWith("sweep").contains("--bisect-gaps"));
    assertThat(calls.get("merge")).anySatisfy(c -> assertThat(c).startsWith("report"));
    // the shard's and the merge job's sweeps select the same history: the store keys it by
    // selection
    List<String> shardSweep =
        calls.get("shard").stream().filter(c -> c.get(0).equals("sweep")).findFirst().orElseThrow();
    List<String> mergeSweep =
        calls.get("merge").stream().filter(c -> c.get(0).equals("sweep")).findFirst().orElseThrow();
    assertThat(option(mergeSweep, "--last")).isEqualTo(option(shardSweep, "--last"));
    assertThat(option(mergeSweep, "--every")).isEqualTo(option(shardSweep, "--every"));
    assertThat(option(mergeSweep, "--results")).isEqualTo(option(shardSweep, "--results"));
    // every job that measures restores the store from the results branch before its sweep
    for (String job : List.of("shard", "merge")) {
      List<String> scripts = runScripts(wf.path("jobs").path(job));
      int restore = indexOf(scripts, "git -C target-repo archive \"origin/$RESULTS_BRANCH\"");
      int sweep = indexOf(scripts, "culprit sweep");
      assertThat(restore).as(job + " restores the store").isNotNegative().isLessThan(sweep);
    }
    assertThat(String.join("\n", runScripts(wf.path("jobs").path("merge"))))
        .contains("git push -q origin \"$commit:refs/heads/$RESULTS_BRANCH\"");
    assertThat(wf.path("concurrency").path("cancel-in-progress").asBoolean(true))
        .as("nights never overlap")
        .isFalse();
  }

  @Test
  void thePullRequestWorkflowComparesBaseWithHeadAndUpdatesOneComment() throws IOException {
    JsonNode wf = load("github-actions-pr-compare.yml");
    checkStructure(wf);
    assertThat(wf.path("on").has("pull_request")).isTrue();
    Map<String, List<List<String>>> calls = culpritCalls(wf, "github-actions-pr-compare.yml");
    assertThat(calls.get("compare"))
        .singleElement()
        .satisfies(c -> assertThat(c).startsWith("compare").contains("--markdown"));
    String scripts = String.join("\n", runScripts(wf.path("jobs").path("compare")));
    assertThat(scripts)
        .contains("<!-- culprit-compare -->")
        .contains("--method PATCH")
        .contains("--method POST");
    assertThat(scripts).contains("1) echo \"::error::").contains("3) echo \"::warning::");
    assertThat(wf.path("jobs").path("compare").path("permissions").path("pull-requests").asText())
        .isEqualTo("write");
  }

  @Test
  void culpritIsBuiltOnceAndEveryOtherJobDownloadsIt() throws IOException {
    for (String file : List.of("github-actions-sweep.yml", "github-actions-pr-compare.yml")) {
      JsonNode wf = load(file);
      assertThat(Files.readString(CI.resolve(file))).doesNotContain("your-org");
      JsonNode jobs = wf.path("jobs");
      for (Map.Entry<String, JsonNode> job : iterable(jobs)) {
        String scripts = String.join("\n", runScripts(job.getValue()));
        boolean builds = scripts.contains("-pl harness -am package");
        assertThat(builds)
            .as(file + ": only build-culprit builds culprit, not " + job.getKey())
            .isEqualTo(job.getKey().equals("build-culprit"));
        if (!job.getKey().equals("build-culprit")) {
          assertThat(needs(job.getValue())).as(file + " " + job.getKey()).contains("build-culprit");
          assertThat(job.getValue().path("steps").toString())
              .contains("actions/download-artifact")
              .contains("culprit-jar");
        }
      }
      JsonNode build = jobs.path("build-culprit").path("steps");
      assertThat(build.toString())
          .contains("actions/cache")
          .contains("hashFiles(")
          .contains("actions/upload-artifact");
    }
  }

  @Test
  void theKubernetesIndexedJobGivesEachPodOneShardOfTheSameSweep() throws IOException {
    JsonNode job = load("k8s-indexed-job.yaml");
    assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    JsonNode spec = job.path("spec");
    assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
    JsonNode pod = spec.path("template").path("spec");
    assertThat(pod.path("restartPolicy").asText()).isIn("Never", "OnFailure");
    Set<String> volumes = new HashSet<>();
    pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
    assertThat(pod.path("containers").size()).isEqualTo(1);
    JsonNode c = pod.path("containers").get(0);
    Map<String, String> env = new HashMap<>();
    c.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    assertThat(Integer.parseInt(env.get("SHARDS")))
        .as("SHARDS = completions = parallelism")
        .isEqualTo(spec.path("completions").asInt())
        .isEqualTo(spec.path("parallelism").asInt());
    c.path("volumeMounts").forEach(m -> assertThat(volumes).contains(m.path("name").asText()));
    assertThat(c.path("resources").path("requests"))
        .as("guaranteed QoS: requests = limits")
        .isEqualTo(c.path("resources").path("limits"));
    String script = String.join("\n", texts(c.path("args")));
    Map<String, String> values = new HashMap<>(env);
    values.put("i", "1");
    List<List<String>> calls = parseCulpritCalls(script, values, "k8s-indexed-job.yaml");
    assertThat(calls)
        .singleElement()
        .satisfies(call -> assertThat(call).startsWith("sweep").contains("--shard", "1/4"));
  }

  @Test
  void theCheckFindsAnUndefinedStepOutputAMissingNeedAndAnUnknownOption() throws IOException {
    String text = Files.readString(CI.resolve("github-actions-pr-compare.yml"));
    JsonNode typo =
        YAML.readTree(text.replace("steps.compare.outputs.rc", "steps.compare.outputs.exit"));
    assertThat(problems(typo))
        .anySatisfy(p -> assertThat(p).contains("steps.compare.outputs.exit"));
    JsonNode need = YAML.readTree(text.replace("needs: build-culprit", "needs: build"));
    assertThat(problems(need)).anySatisfy(p -> assertThat(p).contains("needs unknown job build"));
    JsonNode var = YAML.readTree(text.replace("\"$HEAD_SHA\" \\", "\"$HEAD\" \\"));
    assertThat(problems(var)).anySatisfy(p -> assertThat(p).contains("$HEAD"));
    JsonNode option = YAML.readTree(text.replace("--markdown compare.md", "--md compare.md"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> culpritCalls(option, "mutated"))
        .hasMessageContaining("Unknown option: '--md'");
  }

  // --- structure ---

  private static void checkStructure(JsonNode wf) {
    assertThat(problems(wf)).isEmpty();
  }

  private static List<String> problems(JsonNode wf) {
    List<String> out = new ArrayList<>();
    JsonNode jobs = wf.path("jobs");
    if (!wf.has("on") || jobs.size() == 0) {
      out.add("a workflow needs 'on' and at least one job");
    }
    Set<String> workflowEnv = keys(wf.path("env"));
    Set<String> inputs = keys(wf.path("on").path("workflow_dispatch").path("inputs"));
    checkExpressions(
        out,
        "env",
        wf.path("env"),
        Set.of("github", "inputs", "vars", "secrets"),
        new Scope(Set.of(), Set.of(), inputs, Map.of(), Set.of()));
    for (Map.Entry<String, JsonNode> e : iterable(jobs)) {
      String name = e.getKey();
      JsonNode job = e.getValue();
      List<String> needs = needs(job);
      needs.stream()
          .filter(n -> !jobs.has(n))
          .forEach(n -> out.add(name + " needs unknown job " + n));
      if (!job.has("runs-on")) {
        out.add(name + " has no runs-on");
      }
      if (job.path("steps").size() == 0) {
        out.add(name + " has no steps");
      }
      Set<String> env = new HashSet<>(workflowEnv);
      env.addAll(keys(job.path("env")));
      Set<String> matrix = keys(job.path("strategy").path("matrix"));
      Map<String, Set<String>> stepOutputs = new HashMap<>();
      Scope jobScope =
          new Scope(Set.copyOf(needs), matrix, inputs, Map.copyOf(stepOutputs), Set.copyOf(env));
      for (String field :
          List.of("if", "env", "strategy", "runs-on", "permissions", "concurrency")) {
        checkExpressions(out, name + "." + field, job.path(field), Set.of(), jobScope);
      }
      int i = 0;
      for (JsonNode step : job.path("steps")) {
        String where = name + ".steps[" + i++ + "]";
        if (step.has("uses") == step.has("run")) {
          out.add(where + " needs exactly one of 'uses' and 'run'");
        }
        Set<String> stepEnv = new HashSet<>(env);
        stepEnv.addAll(keys(step.path("env")));
        checkExpressions(
            out,
            where,
            step,
            Set.of(),
            new Scope(
                Set.copyOf(needs), matrix, inputs, Map.copyOf(stepOutputs), Set.copyOf(stepEnv)));
        if (step.has("run")) {
          checkShellVariables(out, where, step.path("run").asText(), stepEnv);
        }
        if (step.has("id")) {
          stepOutputs.put(step.path("id").asText(), outputsOf(step));
        }
      }
    }
    return out;
  }

  private record Scope(
      Set<String> needs,
      Set<String> matrix,
      Set<String> inputs,
      Map<String, Set<String>> steps,
      Set<String> env) {}

  private static void checkExpressions(
      List<String> out, String where, JsonNode node, Set<String> onlyContexts, Scope scope) {
    for (String text : texts(node)) {
      Matcher m = EXPRESSION.matcher(text);
      while (m.find()) {
        String expr = m.group(1).replaceAll("'[^']*'", "''");
        Matcher ref = CONTEXT_REF.matcher(expr);
        while (ref.find()) {
          String context = ref.group(1);
          String[] path = ref.group(2).substring(1).split("\\.");
          String problem =
              onlyContexts.isEmpty() || onlyContexts.contains(context)
                  ? reference(context, path, scope)
                  : "not available here";
          if (problem != null) {
            out.add(where + ": ${{" + m.group(1) + "}}: " + ref.group() + " " + problem);
          }
        }
      }
    }
  }

  /** Why a context reference is wrong, or null. */
  private static String reference(String context, String[] path, Scope s) {
    return switch (context) {
      case "steps" ->
          !s.steps().containsKey(path[0])
              ? "names no earlier step id"
              : path.length > 2
                      && path[1].equals("outputs")
                      && !s.steps().get(path[0]).contains(path[2])
                  ? "is not an output that step writes"
                  : null;
      case "needs" -> s.needs().contains(path[0]) ? null : "is not in this job's needs";
      case "env" -> s.env().contains(path[0]) ? null : "is not defined in env";
      case "matrix" -> s.matrix().contains(path[0]) ? null : "is not a matrix key";
      case "inputs" -> s.inputs().contains(path[0]) ? null : "is not a workflow_dispatch input";
      case "strategy" ->
          Set.of("job-total", "job-index", "fail-fast", "max-parallel").contains(path[0])
              ? null
              : "is not a strategy property";
      case "runner" ->
          Set.of("os", "arch", "temp", "name", "tool_cache").contains(path[0])
              ? null
              : "is not a runner property";
      case "github" ->
          GITHUB_PROPERTIES.contains(path[0]) ? null : "is not a github property this check knows";
      default -> null;
    };
  }

  /** The outputs a step sets: NAME=... appended to $GITHUB_OUTPUT, or actions/cache's cache-hit. */
  private static Set<String> outputsOf(JsonNode step) {
    Set<String> outputs = new HashSet<>();
    if (step.path("uses").asText().startsWith("actions/cache@")) {
      outputs.add("cache-hit");
    }
    Matcher m =
        Pattern.compile("echo \"([A-Za-z0-9_-]+)=[^\\n]*>> \"\\$GITHUB_OUTPUT\"")
            .matcher(step.path("run").asText());
    while (m.find()) {
      outputs.add(m.group(1));
    }
    return outputs;
  }

  /**
   * $NAME in a script: upper case from env (or GitHub's own), lower case assigned by the script.
   */
  private static void checkShellVariables(
      List<String> out, String where, String script, Set<String> env) {
    Set<String> assigned = new HashSet<>();
    Matcher a =
        Pattern.compile(
                "(?:^|[\\s;(])(?:export\\s+|for\\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:=|\\s+in\\s)",
                Pattern.MULTILINE)
            .matcher(script);
    while (a.find()) {
      assigned.add(a.group(1));
    }
    Matcher m = SHELL_VAR.matcher(script.replaceAll("'[^'\\n]*'", "''"));
    while (m.find()) {
      String v = m.group(1);
      boolean known =
          env.contains(v)
              || assigned.contains(v)
              || v.startsWith("GITHUB_")
              || v.startsWith("RUNNER_")
              || Set.of("PIPESTATUS", "PATH", "HOME", "PWD").contains(v);
      if (!known) {
        out.add(where + ": $" + v + " is neither in env nor assigned by the script");
      }
    }
  }

  // --- culprit command lines ---

  /** Every culprit call per job, as parsed argument lists; fails when one does not parse. */
  private static Map<String, List<List<String>>> culpritCalls(JsonNode wf, String file) {
    Map<String, List<List<String>>> out = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    iterable(wf.path("env")).forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    values.putAll(Map.of("SHARD", "1/4", "base", "0123abcd", "HEAD_SHA", "4567cdef"));
    for (Map.Entry<String, JsonNode> job : iterable(wf.path("jobs"))) {
      List<List<String>> calls = new ArrayList<>();
      for (String script : runScripts(job.getValue())) {
        calls.addAll(parseCulpritCalls(script, values, file + " job " + job.getKey()));
      }
      out.put(job.getKey(), calls);
    }
    return out;
  }

  private static List<List<String>> parseCulpritCalls(
      String script, Map<String, String> values, String where) {
    List<List<String>> calls = new ArrayList<>();
    Matcher m = CULPRIT_CALL.matcher(script.replace("\\\n", " "));
    while (m.find()) {
      List<String> args = new ArrayList<>(List.of(m.group(1)));
      args.addAll(words(m.group(2), values));
      try {
        new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        throw new AssertionError(
            where + ": 'culprit " + String.join(" ", args) + "' does not parse: " + e.getMessage(),
            e);
      }
      calls.add(args);
    }
    return calls;
  }

  /** Shell words up to the end of the command (|, ||, &&, ;, }, )), with $VARS substituted. */
  static List<String> words(String text, Map<String, String> values) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && (c == '|' || c == '&' || c == ';' || c == '}' || c == ')')) {
        break;
      }
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == '$' && quote != '\'') {
        Matcher v =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*)|(@))")
                .matcher(text)
                .region(i, text.length());
        if (v.lookingAt()) {
          String name = v.group(1) != null ? v.group(1) : v.group(2) != null ? v.group(2) : "@";
          w.append(
              name.equals("@") ? "shards/shard-1/" : values.getOrDefault(name, "unknown-" + name));
          i = v.end() - 1;
        } else {
          w.append(c);
        }
      } else {
        w.append(c);
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  // --- helpers ---

  private static JsonNode load(String file) throws IOException {
    return YAML.readTree(CI.resolve(file).toFile());
  }

  private static List<String> needs(JsonNode job) {
    JsonNode n = job.path("needs");
    return n.isArray() ? texts(n) : n.isTextual() ? List.of(n.asText()) : List.of();
  }

  private static List<String> runScripts(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.path("steps")
        .forEach(
            s -> {
              if (s.has("run")) {
                out.add(s.path("run").asText());
              }
            });
    return out;
  }

  private static int indexOf(List<String> scripts, String text) {
    for (int i = 0; i < scripts.size(); i++) {
      if (scripts.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> out = new HashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }

  /** Every string value under a node. */
  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.forEach(child -> out.addAll(texts(child)));
    return out;
  }

  private static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("bisect-scripts/ci"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "bisect-scripts/ci not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}

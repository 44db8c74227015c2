package dev.culprit.pipeline;

import dev.culprit.build.BuildResult;
import dev.culprit.error.CulpritException;
import dev.culprit.exec.ChildEnvironment;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.GitRepo;
import dev.culprit.git.InputSpec;
import dev.culprit.git.Worktrees;
import dev.culprit.jdk.Jdks;
import dev.culprit.measure.JmhRunner;
import dev.culprit.scenario.Scenario;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one command needs to measure commits of one repository under one scenario: the opened
 * repository, the results store, the resolved pin, the worktrees and the measurer.
 */
public final class Workbench implements AutoCloseable {
  private final GitRepo repo;
  private final ResultStore store;
  private final Scenario scenario;
  private final InputSpec inputs;
  private final Worktrees worktrees;
  private final Path repoDir;
  private final Map<String, BuildResult> earlyBuilds;

  private Workbench(
      Path repoDir,
      GitRepo repo,
      ResultStore store,
      Scenario scenario,
      InputSpec inputs,
      Worktrees worktrees,
      Map<String, BuildResult> earlyBuilds) {
    this.earlyBuilds = earlyBuilds;
    this.repoDir = repoDir;
    this.repo = repo;
    this.store = store;
    this.scenario = scenario;
    this.inputs = inputs;
    this.worktrees = worktrees;
  }

  /**
   * Opens the store first (an unwritable results folder is an environment error before any git
   * work), then the repository, then resolves the pin.
   */
  public static Workbench open(Path repoDir, Scenario scenario, Path results, List<String> paths) {
    refuseJvmOptionVariables(scenario, System.getenv());
    ResultStore store = new ResultStore(results);
    GitRepo repo = GitRepo.open(repoDir);
    try {
      InputSpec.Pin pin = null;
      if (scenario.pin() != null) {
        CommitInfo pinCommit;
        try {
          pinCommit = repo.resolve(scenario.pin().ref());
        } catch (CulpritException e) {
          throw CulpritException.usage(
              "scenario " + scenario.source() + ": 'pin.ref' " + e.getMessage());
        }
        for (String p : scenario.pin().paths()) {
          if (!repo.pathExists(pinCommit.sha(), p)) {
            throw CulpritException.usage(
                "scenario "
                    + scenario.source()
                    + ": 'pin.paths' entry '"
                    + p
                    + "' does not exist at pin.ref "
                    + scenario.pin().ref()
                    + " ("
                    + pinCommit.sha().substring(0, 10)
                    + ")");
          }
        }
        pin = new InputSpec.Pin(pinCommit.sha(), scenario.pin().paths());
      }
      InputSpec inputs =
          paths == null || paths.isEmpty() ? InputSpec.defaults(pin) : InputSpec.paths(paths, pin);
      Path wtRoot =
          store
              .workDir()
              .resolve("worktrees")
              .resolve(PipelineMeasurer.sha256(repo.gitDir().toString()).substring(0, 12));
      Worktrees worktrees = new Worktrees(repo, wtRoot);
      return new Workbench(repoDir, repo, store, scenario, inputs, worktrees, new HashMap<>());
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
  }

  public PipelineMeasurer measurer(String slot) {
    return measurer(slot, scenario.jdk());
  }

  /**
   * {@code _JAVA_OPTIONS} and its kin change every JVM, forks included, without a trace in the
   * scenario: culprit refuses to measure with them unless the scenario names them under {@code
   * env:} (then they reach the forks and enter the fingerprint).
   */
  static void refuseJvmOptionVariables(Scenario scenario, Map<String, String> callerEnv) {
    for (String v : ChildEnvironment.JVM_OPTION_VARIABLES.stream().sorted().toList()) {
      if (callerEnv.containsKey(v) && !scenario.env().names(v)) {
        throw CulpritException.usage(
            v
                + " is set in culprit's environment and would change every JMH fork; unset it, "
                + "or name it under 'env:' in "
                + scenario.source()
                + " to measure with it");
      }
    }
  }

  /**
   * A measurer that builds and runs on {@code jdk} (a feature version or a JDK home; null: the JVM
   * culprit runs on). A JDK that is not installed is an environment error naming those found.
   */
  public PipelineMeasurer measurer(String slot, String jdk) {
    return measurer(slot, jdk, scenario);
  }

  /**
   * A measurer of one series of this workbench's suite: {@code narrowed} is the scenario with its
   * selection narrowed to that series (its own fingerprint, so its own measurements); every
   * measurer of this workbench shares the jars, which are keyed by build inputs alone.
   */
  public PipelineMeasurer measurer(String slot, String jdk, Scenario narrowed) {
    Map<String, String> env = narrowed.env().resolve(System.getenv());
    PipelineMeasurer m =
        new PipelineMeasurer(repo, worktrees, inputs, narrowed, store, jmhRunner(jdk), slot, env);
    m.shareEarlyBuilds(earlyBuilds);
    return m;
  }

  /**
   * The JMH launcher for {@code jdk} (a feature version or a JDK home; null: the JVM culprit runs
   * on), with the scenario's environment. A JDK that is not installed is an environment error.
   */
  public JmhRunner jmhRunner(String jdk) {
    Map<String, String> env = scenario.env().resolve(System.getenv());
    return jdk == null
        ? new JmhRunner(JmhRunner.currentJava(), env)
        : new JmhRunner(
            Jdks.ofMachine()
                .resolve(jdk, "jdk '" + jdk + "' (scenario " + scenario.source() + " or --jdk)"),
            env);
  }

  /**
   * This workbench for one series of its suite ({@code narrowed}: the scenario narrowed to it),
   * sharing the repository, the store, the worktrees and the builds made while listing series;
   * closing this one closes them, so only the workbench that opened them is closed.
   */
  public Workbench narrowed(Scenario narrowed) {
    return new Workbench(repoDir, repo, store, narrowed, inputs, worktrees, earlyBuilds);
  }

  public GitRepo repo() {
    return repo;
  }

  public Path repoDir() {
    return repoDir;
  }

  public ResultStore store() {
    return store;
  }

  public Scenario scenario() {
    return scenario;
  }

  public InputSpec inputs() {
    return inputs;
  }

  public Worktrees worktrees() {
    return worktrees;
  }

  @Override
  public void close() {
    worktrees.close();
    repo.close();
  }
}

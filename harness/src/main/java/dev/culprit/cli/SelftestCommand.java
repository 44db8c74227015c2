package dev.culprit.cli;

import dev.culprit.stats.SelfTest;
import dev.culprit.stats.changepoint.ChangePointBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "selftest", description = "Simulation studies of culprit's own statistics: verdict error rates, or change-point precision/recall.")
final class SelftestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--replicates", paramLabel = "N", description = "Simulated pairs per row (default: the study's own, 600).") Integer replicates;
  @Option(names = "--change-points", description = "Run the change-point benchmark instead: 200 seeded series, precision and recall by step size and noise.") boolean changePoints;
  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the change-point benchmark (default: ${DEFAULT-VALUE}).") long seed;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (changePoints) {
      out.print(ChangePointBenchmark.standard().run(seed).render());
      return 0;
    }
    SelfTest.Config c = replicates == null ? SelfTest.Config.defaults() : SelfTest.Config.defaults().withReplicates(replicates);
    out.print(SelfTest.render(SelfTest.run(c), c));
    return 0;
  }
}

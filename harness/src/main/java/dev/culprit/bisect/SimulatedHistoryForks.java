package dev.culprit.bisect;

import dev.culprit.stats.SimulatedHistory;
import dev.culprit.stats.SimulatedMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SIMULATED {@link ForkSource} over a {@link SimulatedHistory} run on a {@link SimulatedMachine}:
 * the new engine's forks in {@code culprit selftest --bisect}. Like the real store, a fork (or a
 * pair) asked for again by its index answers the value it had; only new indices run on the machine,
 * so {@link SimulatedMachine#forks()} counts what a real bisect would have run. A pair runs its
 * candidate and its reference one after the other in {@code PairedForks}' balanced order (C R, R C,
 * ...), so drift hits both alike. Commit names are {@link SimulatedBisect#sha}'s.
 */
final class SimulatedHistoryForks implements ForkSource {
  private final SimulatedHistory history;
  private final SimulatedMachine machine;
  private final Map<String, List<Sample>> forks = new HashMap<>();
  private final Map<String, List<Sample>> pairs = new HashMap<>();

  SimulatedHistoryForks(SimulatedHistory history, SimulatedMachine machine) {
    this.history = history;
    this.machine = machine;
  }

  @Override
  public Sample fork(String commit, int index) {
    return answer(forks, commit, commit, UNPAIRED, index);
  }

  @Override
  public Sample pair(String commit, int index) {
    return answer(pairs, commit, commit, SimulatedHistory.GOOD, index);
  }

  @Override
  public Sample pairBeside(String commit, String reference, int index) {
    return answer(
        pairs, commit + " beside " + reference, commit, SimulatedBisect.index(reference), index);
  }

  /** {@code reference}: the index of the commit the pair runs beside, or {@link #UNPAIRED}. */
  private Sample answer(
      Map<String, List<Sample>> memo, String key, String commit, int reference, int index) {
    int i = SimulatedBisect.index(commit);
    if (i != SimulatedHistory.GOOD && history.isUntestable(i)) {
      return Sample.untestable("simulated: " + commit + " does not build");
    }
    List<Sample> done = memo.computeIfAbsent(key, k -> new ArrayList<>());
    while (done.size() <= index) {
      double level = history.level(i);
      if (reference == UNPAIRED) {
        done.add(Sample.of(machine.fork(level)));
      } else if (done.size() % 2 == 0) {
        double candidate = machine.fork(level);
        done.add(Sample.pair(candidate, machine.fork(history.level(reference))));
      } else {
        double r = machine.fork(history.level(reference));
        done.add(Sample.pair(machine.fork(level), r));
      }
    }
    return done.get(index);
  }

  private static final int UNPAIRED = Integer.MIN_VALUE;
}

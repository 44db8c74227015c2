package dev.culprit.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A SIMULATED commit history for the whole-bisect self-test ({@code culprit selftest --bisect}):
 * the range {@code good..bad} as {@code size} commits in topological order (parents first), index
 * {@code size - 1} the bad endpoint, {@link #GOOD} (-1) the good endpoint, each with its true level
 * (good = 1). The culprit sits at a uniformly random position; every commit that has it as an
 * ancestor (itself included) runs at {@code effect} times good.
 *
 * <ul>
 *   <li>{@code staircase}: two culprits, each {@code sqrt(effect)}: the commits between run at
 *       neither endpoint's level. Either culprit is a right answer (each is a regression of its
 *       own); a search that names both is right too.
 *   <li>{@code noRegression} (A/A): every commit at the good level; the right answer is "no
 *       regression between the endpoints".
 *   <li>{@code merges}: instead of a line, a main line with feature branches of 1-5 commits merged
 *       back (about one branch per 8 commits); the culprit can sit on a branch or be a merge.
 * </ul>
 *
 * Every history has 1 or 2 untestable commits (they do not build: git's "skip"), never a culprit, a
 * culprit's parent or the bad endpoint, so that the right answer stays decidable.
 *
 * @param size commits in the range, bad endpoint included
 * @param parents each commit's parents as indices ({@link #GOOD} for the good endpoint)
 * @param levels each commit's true level relative to good
 * @param culprits the right answers, ascending (empty for an A/A range)
 * @param untestable which commits do not build
 * @param effect the bad endpoint's level (1 for an A/A range)
 */
public record SimulatedHistory(
    int size,
    int[][] parents,
    double[] levels,
    int[] culprits,
    boolean[] untestable,
    double effect) {
  /** The good endpoint's index in {@link #parents}. */
  public static final int GOOD = -1;

  static final double MERGE_BRANCH_PROBABILITY = 0.125;
  static final int MAX_BRANCH_COMMITS = 5;

  public SimulatedHistory {
    if (size < 2) {
      throw new IllegalArgumentException("a history needs at least 2 commits: " + size);
    }
    if (parents.length != size || levels.length != size || untestable.length != size) {
      throw new IllegalArgumentException("parents, levels and untestable need one entry a commit");
    }
    parents = parents.clone();
    levels = levels.clone();
    culprits = culprits.clone();
    untestable = untestable.clone();
  }

  /**
   * Draws a history.
   *
   * @param size commits in the range (at least 4)
   * @param effect the bad endpoint's true level (ignored when {@code noRegression})
   */
  public static SimulatedHistory draw(
      int size,
      double effect,
      boolean staircase,
      boolean noRegression,
      boolean merges,
      SplittableRandom random) {
    if (size < 4) {
      throw new IllegalArgumentException("simulate at least 4 commits: " + size);
    }
    if (!(effect > 1) && !noRegression) {
      throw new IllegalArgumentException("a regression needs an effect above 1: " + effect);
    }
    if (staircase && merges) {
      throw new IllegalArgumentException("a staircase is simulated on a linear history only");
    }
    int[][] parents = merges ? mergedParents(size, random) : linearParents(size);
    int[] culprits;
    double step;
    if (noRegression) {
      culprits = new int[0];
      step = 1;
    } else if (staircase) {
      int first = random.nextInt(size - 1);
      int second = first + 1 + random.nextInt(size - 1 - first);
      culprits = new int[] {first, second};
      step = Math.sqrt(effect);
    } else {
      culprits = new int[] {random.nextInt(size)};
      step = effect;
    }
    double[] levels = new double[size];
    Arrays.fill(levels, 1);
    for (int c : culprits) {
      boolean[] below = descendants(parents, c);
      for (int i = 0; i < size; i++) {
        if (below[i]) {
          levels[i] *= step;
        }
      }
    }
    boolean[] untestable = new boolean[size];
    boolean[] protectedCommits = new boolean[size];
    protectedCommits[size - 1] = true;
    for (int c : culprits) {
      protectedCommits[c] = true;
      for (int p : parents[c]) {
        if (p != GOOD) {
          protectedCommits[p] = true;
        }
      }
    }
    int wanted = 1 + random.nextInt(2);
    for (int tries = 0; wanted > 0 && tries < 100; tries++) {
      int i = random.nextInt(size);
      if (!protectedCommits[i] && !untestable[i]) {
        untestable[i] = true;
        wanted--;
      }
    }
    return new SimulatedHistory(
        size, parents, levels, culprits, untestable, noRegression ? 1 : levels[size - 1]);
  }

  /** The true level of commit {@code index}, or of the good endpoint for {@link #GOOD}. */
  public double level(int index) {
    return index == GOOD ? 1 : levels[index];
  }

  public boolean regression() {
    return culprits.length > 0;
  }

  /** Whether {@code index} is a right answer. */
  public boolean isCulprit(int index) {
    return Arrays.stream(culprits).anyMatch(c -> c == index);
  }

  public boolean isUntestable(int index) {
    return untestable[index];
  }

  public List<Integer> parentsOf(int index) {
    return Arrays.stream(parents[index]).boxed().toList();
  }

  /** Whether the history is a straight line (every commit's one parent is the one before it). */
  public boolean linear() {
    for (int i = 0; i < size; i++) {
      if (parents[i].length != 1 || parents[i][0] != i - 1) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SimulatedHistory[size=%d, culprits=%s, untestable=%s, effect=%.3f]",
        size,
        Arrays.toString(culprits),
        untestableList(),
        effect);
  }

  private List<Integer> untestableList() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (untestable[i]) {
        list.add(i);
      }
    }
    return list;
  }

  /** Which commits have {@code ancestor} among their ancestors (itself included). */
  private static boolean[] descendants(int[][] parents, int ancestor) {
    boolean[] below = new boolean[parents.length];
    below[ancestor] = true;
    for (int i = ancestor + 1; i < parents.length; i++) { // parents come first
      for (int p : parents[i]) {
        if (p != GOOD && below[p]) {
          below[i] = true;
        }
      }
    }
    return below;
  }

  private static int[][] linearParents(int size) {
    int[][] parents = new int[size][];
    for (int i = 0; i < size; i++) {
      parents[i] = new int[] {i - 1};
    }
    return parents;
  }

  /**
   * A main line with feature branches: at a branch point the branch's commits come first (on top of
   * the main tip), then 0-3 main commits, then the merge (parents: main tip, branch tip).
   */
  private static int[][] mergedParents(int size, SplittableRandom random) {
    int[][] parents = new int[size][];
    int tip = GOOD;
    int i = 0;
    while (i < size) {
      int left = size - i;
      if (left >= 3 && random.nextDouble() < MERGE_BRANCH_PROBABILITY) {
        int branch = 1 + random.nextInt(Math.min(MAX_BRANCH_COMMITS, left - 2));
        int branchTip = tip;
        for (int b = 0; b < branch; b++) {
          parents[i] = new int[] {branchTip};
          branchTip = i++;
        }
        int main = random.nextInt(Math.min(4, size - i - 1) + 1);
        int mainTip = tip;
        for (int m = 0; m < main; m++) {
          parents[i] = new int[] {mainTip};
          mainTip = i++;
        }
        parents[i] = new int[] {mainTip, branchTip};
        tip = i++;
      } else {
        parents[i] = new int[] {tip};
        tip = i++;
      }
    }
    return parents;
  }
}

package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import dev.culprit.stats.StepVerdict;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * git bisect over the commit graph, without measuring anything. Each probe is the relevant
 * candidate whose relevant ancestors within the candidate set come closest to half of it; a bad
 * probe keeps its ancestors, a good one removes them. Irrelevant commits (same build inputs as
 * their parents) can never be the first bad commit and are never probed. Skipped probes (untestable
 * or unsure) are avoided with git's sqrt-biased pseudo-random pick away from the best point.
 */
public final class BisectSearch {
  private final List<CommitInfo> commits;
  private final Map<String, Integer> index = new HashMap<>();
  private final BitSet[] ancestors;
  private final BitSet relevant = new BitSet();
  private final BitSet candidates = new BitSet();
  private final BitSet skipped = new BitSet();
  private final BitSet unsure = new BitSet();
  private int knownBad;
  private long prng;

  /**
   * @param commits the range (reachable from bad, not from good), parents before children
   * @param relevant whether a commit's build inputs differ from all its parents'
   */
  public BisectSearch(
      List<CommitInfo> commits, String good, String bad, Predicate<String> relevant, long seed) {
    this.commits = List.copyOf(commits);
    for (int i = 0; i < commits.size(); i++) {
      index.put(commits.get(i).sha(), i);
    }
    if (!index.containsKey(bad)) {
      throw new IllegalArgumentException("bad commit " + bad + " is not in the range");
    }
    ancestors = new BitSet[commits.size()];
    for (int i = 0; i < commits.size(); i++) {
      BitSet a = new BitSet();
      a.set(i);
      for (String p : commits.get(i).parents()) {
        Integer pi = index.get(p);
        if (pi != null) {
          a.or(ancestors[pi]);
        }
      }
      ancestors[i] = a;
      if (relevant.test(commits.get(i).sha())) {
        this.relevant.set(i);
      }
    }
    knownBad = index.get(bad);
    candidates.or(ancestors[knownBad]);
    prng = seed;
  }

  private BitSet relevantCandidates() {
    BitSet c = (BitSet) candidates.clone();
    c.and(relevant);
    return c;
  }

  /** About how many more probes: log2 of the relevant candidates left. */
  public int estimatedRemainingSteps() {
    int n = relevantCandidates().cardinality();
    return n <= 1 ? 0 : (int) Math.ceil(Math.log(n) / Math.log(2));
  }

  public SearchResult run(Function<CommitInfo, StepVerdict> oracle) {
    return run(oracle, () -> false);
  }

  /**
   * As {@link #run(Function)}, but asks {@code stop} before every probe: once it says so the search
   * ends STOPPED with the candidates it still has (a spent {@link Budget}).
   */
  public SearchResult run(Function<CommitInfo, StepVerdict> oracle, BooleanSupplier stop) {
    List<SearchResult.Step> steps = new ArrayList<>();
    while (true) {
      BitSet cand = relevantCandidates();
      if (cand.cardinality() <= 1) {
        int only = cand.isEmpty() ? knownBad : cand.nextSetBit(0);
        return new SearchResult(
            SearchResult.Status.CULPRIT,
            commits.get(only).sha(),
            List.of(commits.get(only).sha()),
            steps);
      }
      if (stop.getAsBoolean()) {
        List<String> left = new ArrayList<>();
        for (int i = cand.nextSetBit(0); i >= 0; i = cand.nextSetBit(i + 1)) {
          left.add(commits.get(i).sha());
        }
        return new SearchResult(SearchResult.Status.STOPPED, null, left, steps);
      }
      int probe = choose(cand);
      if (probe < 0) {
        List<String> left = new ArrayList<>();
        for (int i = cand.nextSetBit(0); i >= 0; i = cand.nextSetBit(i + 1)) {
          left.add(commits.get(i).sha());
        }
        BitSet skippedLeft = (BitSet) cand.clone();
        skippedLeft.and(skipped);
        skippedLeft.andNot(unsure);
        SearchResult.Status status =
            skippedLeft.isEmpty()
                ? SearchResult.Status.INCONCLUSIVE
                : SearchResult.Status.AMBIGUOUS;
        return new SearchResult(status, null, left, steps);
      }
      StepVerdict v = oracle.apply(commits.get(probe));
      steps.add(new SearchResult.Step(commits.get(probe).sha(), v));
      switch (v) {
        case BAD -> {
          knownBad = probe;
          candidates.and(ancestors[probe]);
        }
        case GOOD -> candidates.andNot(ancestors[probe]);
        case UNSURE -> {
          skipped.set(probe);
          unsure.set(probe);
        }
        case UNTESTABLE -> skipped.set(probe);
      }
    }
  }

  /** The best untested probe, or -1 when every remaining candidate is known bad or skipped. */
  private int choose(BitSet cand) {
    int total = cand.cardinality();
    List<int[]> scored = new ArrayList<>(); // {index, score}
    boolean bestSkipped = false;
    int bestScore = -1;
    for (int i = cand.nextSetBit(0); i >= 0; i = cand.nextSetBit(i + 1)) {
      if (i == knownBad) {
        continue;
      }
      BitSet a = (BitSet) ancestors[i].clone();
      a.and(cand);
      int w = a.cardinality();
      int score = Math.min(w, total - w);
      if (score > bestScore) {
        bestScore = score;
        bestSkipped = skipped.get(i);
      }
      if (!skipped.get(i)) {
        scored.add(new int[] {i, score});
      }
    }
    if (scored.isEmpty()) {
      return -1;
    }
    scored.sort((x, y) -> x[1] != y[1] ? Integer.compare(y[1], x[1]) : Integer.compare(x[0], y[0]));
    if (!bestSkipped || skipped.isEmpty()) {
      return scored.get(0)[0];
    }
    // git's skip-away: x in [0,1), pick index len * x * sqrt(x), biased toward good points but away
    // from a cluster of broken ones
    double x = nextRandom() / 32768.0;
    int pick = (int) Math.floor(scored.size() * x * Math.sqrt(x));
    return scored.get(Math.min(pick, scored.size() - 1))[0];
  }

  /** git's own linear congruential generator (bisect.c), so the skip-away is reproducible. */
  private int nextRandom() {
    prng = prng * 1103515245 + 12345;
    return (int) ((prng / 65536) % 32768 + 32768) % 32768;
  }
}

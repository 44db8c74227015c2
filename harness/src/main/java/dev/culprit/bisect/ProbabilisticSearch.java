package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Probabilistic bisection over the commit graph (Horstein; Waeber, Frazier and Henderson 2013): a
 * probability for each candidate commit being the first bad one, from all evidence so far, and the
 * next probe where it splits that probability in half. Pure: no measuring.
 *
 * <p>Prior: uniform over the relevant commits of the range (the bad endpoint included); an
 * irrelevant commit (same build inputs as a parent) is never the culprit. Evidence: each probed
 * commit x carries a log-likelihood ratio Lambda_x (bad vs good, summed over its forks); "x is bad"
 * means the culprit is x or one of its ancestors, so log w_i = sum of Lambda_x over the probes x
 * with i in ancestors(x) (x included). The posterior depends only on each commit's total, not on
 * the order of the forks: a rerun that replays stored forks reaches the same posterior, and a weak
 * early step is overturned by later evidence instead of sending the search down the wrong half for
 * good.
 *
 * <p>Next probe: the relevant commit (not the bad endpoint, not skipped) whose ancestors hold a
 * mass closest to 1/2; re-probing a commit adds forks to it. When the best point is skipped
 * (untestable, or out of forks), git's sqrt-biased pseudo-random pick away from it (as {@link
 * BisectSearch}), so a cluster of broken commits is left.
 */
public final class ProbabilisticSearch {
  /** A candidate and its probability of being the first bad commit. */
  public record Candidate(String sha, double probability) {}

  private final List<CommitInfo> commits;
  private final Map<String, Integer> index = new HashMap<>();
  private final BitSet[] ancestors;
  private final BitSet relevant = new BitSet();
  private final int bad;
  private final Map<Integer, Double> evidence = new HashMap<>();
  private long prng;

  /**
   * @param commits the range (reachable from bad, not from good), parents before children
   * @param relevant whether a commit's build inputs differ from all its parents'
   */
  public ProbabilisticSearch(
      List<CommitInfo> commits, String good, String bad, Predicate<String> relevant, long seed) {
    this.commits = List.copyOf(commits);
    for (int i = 0; i < commits.size(); i++) {
      index.put(commits.get(i).sha(), i);
    }
    if (!index.containsKey(bad)) {
      throw new IllegalArgumentException("bad commit " + bad + " is not in the range");
    }
    this.bad = index.get(bad);
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
    }
    for (int i = 0; i < commits.size(); i++) {
      if (relevant.test(commits.get(i).sha()) && ancestors[this.bad].get(i)) {
        this.relevant.set(i);
      }
    }
    if (this.relevant.isEmpty()) {
      this.relevant.set(this.bad); // nothing changed the inputs: the bad endpoint is all there is
    }
    prng = seed;
  }

  /** Sets commit {@code sha}'s total evidence (its summed log-likelihood ratio, + = bad). */
  public void evidence(String sha, double lambda) {
    evidence.put(indexOf(sha), lambda);
  }

  /** The commit's total evidence so far (0 when never probed). */
  public double evidence(String sha) {
    return evidence.getOrDefault(indexOf(sha), 0.0);
  }

  private int indexOf(String sha) {
    Integer i = index.get(sha);
    if (i == null) {
      throw new IllegalArgumentException("commit " + sha + " is not in the range");
    }
    return i;
  }

  /** The posterior by range index (0 for commits that cannot be the culprit). */
  double[] posterior() {
    return posterior(-1, 0);
  }

  private double[] posterior(int override, double lambda) {
    int n = commits.size();
    double[] logw = new double[n];
    Map<Integer, Double> e = evidence;
    if (override >= 0) {
      e = new HashMap<>(evidence);
      e.put(override, lambda);
    }
    for (Map.Entry<Integer, Double> x : e.entrySet()) {
      BitSet a = ancestors[x.getKey()];
      double l = x.getValue();
      for (int i = a.nextSetBit(0); i >= 0; i = a.nextSetBit(i + 1)) {
        logw[i] += l;
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = relevant.nextSetBit(0); i >= 0; i = relevant.nextSetBit(i + 1)) {
      max = Math.max(max, logw[i]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int i = relevant.nextSetBit(0); i >= 0; i = relevant.nextSetBit(i + 1)) {
      p[i] = Math.exp(logw[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** The {@code k} most probable culprits, most probable first (ties: older first). */
  public List<Candidate> top(int k) {
    return top(posterior(), k);
  }

  private List<Candidate> top(double[] p, int k) {
    List<Integer> order = new ArrayList<>();
    for (int i = relevant.nextSetBit(0); i >= 0; i = relevant.nextSetBit(i + 1)) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -p[i]).thenComparing(i -> i));
    List<Candidate> out = new ArrayList<>();
    for (int i : order.subList(0, Math.min(k, order.size()))) {
      out.add(new Candidate(commits.get(i).sha(), p[i]));
    }
    return out;
  }

  /** The probability that {@code sha} is bad: that the culprit is it or one of its ancestors. */
  public double probabilityBad(String sha) {
    double[] p = posterior();
    BitSet a = ancestors[indexOf(sha)];
    double mass = 0;
    for (int j = a.nextSetBit(0); j >= 0; j = a.nextSetBit(j + 1)) {
      mass += p[j];
    }
    return Math.min(1, mass);
  }

  /** The leading candidate's probability. */
  public double topProbability() {
    return max(posterior());
  }

  /** The leading candidate's probability if {@code sha}'s total evidence were {@code lambda}. */
  public double topProbabilityWith(String sha, double lambda) {
    return max(posterior(indexOf(sha), lambda));
  }

  private static double max(double[] p) {
    double m = 0;
    for (double x : p) {
      m = Math.max(m, x);
    }
    return m;
  }

  /**
   * The fewest most probable candidates that together hold at least {@code mass}, in range order
   * (parents first).
   */
  public List<String> credibleSet(double mass) {
    double[] p = posterior();
    List<Candidate> all = top(p, relevant.cardinality());
    List<Integer> picked = new ArrayList<>();
    double sum = 0;
    for (Candidate c : all) {
      if (sum >= mass) {
        break;
      }
      picked.add(index.get(c.sha()));
      sum += c.probability();
    }
    picked.sort(Integer::compare);
    List<String> out = new ArrayList<>();
    for (int i : picked) {
      out.add(commits.get(i).sha());
    }
    return out;
  }

  /** About how many more probes: log2 of the effective number of candidates (exp entropy). */
  public int estimatedRemainingSteps() {
    double[] p = posterior();
    double h = 0;
    for (double x : p) {
      if (x > 0) {
        h -= x * Math.log(x);
      }
    }
    return (int) Math.ceil(h / Math.log(2));
  }

  /**
   * The next probe, or null when no testable commit splits the probability (every useful one is
   * skipped). A commit whose ancestors hold less than {@code useful} or more than 1 - {@code
   * useful} of the mass is not worth a fork: its answer could barely move the posterior (the engine
   * passes half of 1 - confidence, so while the leader is short of the confidence one of its
   * neighbours still qualifies).
   */
  public CommitInfo choose(Set<String> skipped, double useful) {
    double[] p = posterior();
    List<double[]> scored = new ArrayList<>(); // {index, distance from 1/2}
    boolean bestSkipped = false;
    double best = Double.POSITIVE_INFINITY;
    for (int i = relevant.nextSetBit(0); i >= 0; i = relevant.nextSetBit(i + 1)) {
      if (i == bad) {
        continue;
      }
      double mass = 0;
      BitSet a = ancestors[i];
      for (int j = a.nextSetBit(0); j >= 0; j = a.nextSetBit(j + 1)) {
        mass += p[j];
      }
      if (mass < useful || mass > 1 - useful) {
        continue; // (almost) every candidate on one side: nothing to learn here
      }
      // rounded, so that 3/7 and 4/7 tie exactly and the older commit wins, as in git bisect
      double d = Math.round(Math.abs(mass - 0.5) * 1e9) / 1e9;
      boolean skip = skipped.contains(commits.get(i).sha());
      if (d < best - 1e-12) {
        best = d;
        bestSkipped = skip;
      }
      if (!skip) {
        scored.add(new double[] {i, d});
      }
    }
    if (scored.isEmpty()) {
      return null;
    }
    scored.sort(
        Comparator.comparingDouble((double[] s) -> s[1]).thenComparingDouble((double[] s) -> s[0]));
    if (!bestSkipped) {
      return commits.get((int) scored.get(0)[0]);
    }
    double x = nextRandom() / 32768.0;
    int pick = (int) Math.floor(scored.size() * x * Math.sqrt(x));
    return commits.get((int) scored.get(Math.min(pick, scored.size() - 1))[0]);
  }

  /** git's own linear congruential generator (bisect.c), so the skip-away is reproducible. */
  private int nextRandom() {
    prng = prng * 1103515245 + 12345;
    return (int) ((prng / 65536) % 32768 + 32768) % 32768;
  }
}

package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyStatisticTest {

  /** Q̂ straight from the definition in Matteson and James (2014), α = 1: three pair loops. */
  private static double bruteForceQ(double[] z, int s, int tau, int kappa) {
    int n = tau - s;
    int m = kappa - tau;
    double between = 0;
    for (int i = s; i < tau; i++) {
      for (int j = tau; j < kappa; j++) {
        between += Math.abs(z[i] - z[j]);
      }
    }
    double withinLeft = 0;
    for (int i = s; i < tau; i++) {
      for (int k = i + 1; k < tau; k++) {
        withinLeft += Math.abs(z[i] - z[k]);
      }
    }
    double withinRight = 0;
    for (int j = tau; j < kappa; j++) {
      for (int k = j + 1; k < kappa; k++) {
        withinRight += Math.abs(z[j] - z[k]);
      }
    }
    double q = 2.0 / (m + n) * between;
    if (n > 1) {
      q -= 2.0 * m / ((m + n) * (n - 1.0)) * withinLeft;
    }
    if (m > 1) {
      q -= 2.0 * n / ((m + n) * (m - 1.0)) * withinRight;
    }
    return q;
  }

  @Test
  void handComputedValue() {
    // Two pairs of equal points: within-sums are 0, the four cross pairs are 1 each: Q̂ = 2/4·4.
    double[] z = {0, 0, 1, 1};

    assertThat(new EnergyStatistic(z, 0, 4).q(2, 4)).isEqualTo(2.0);
    assertThat(new EnergyStatistic(z, 0, 4).best().index()).isEqualTo(2);
  }

  @Test
  void prefixSumTableAgreesWithTheDefinitionOnRandomInputs() {
    Random rng = new Random(42);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + rng.nextInt(14);
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = rng.nextInt(4) == 0 ? rng.nextInt(5) : 100 * rng.nextGaussian();
      }
      int start = rng.nextInt(n - 1);
      int end = start + 2 + rng.nextInt(n - start - 1);
      EnergyStatistic q = new EnergyStatistic(z, start, end);

      double bestQ = Double.NEGATIVE_INFINITY;
      int bestTau = -1;
      for (int tau = start + 1; tau < end; tau++) {
        for (int kappa = tau + 1; kappa <= end; kappa++) {
          double expected = bruteForceQ(z, start, tau, kappa);
          assertThat(q.q(tau, kappa)).isCloseTo(expected, within(1e-9 * (1 + Math.abs(expected))));
          if (expected > bestQ + 1e-9 * (1 + Math.abs(expected))) {
            bestQ = expected;
            bestTau = tau;
          }
        }
      }
      EnergyStatistic.Candidate best = q.best();
      assertThat(best.q()).isCloseTo(bestQ, within(1e-9 * (1 + Math.abs(bestQ))));
      assertThat(bruteForceQ(z, start, best.index(), bestKappa(z, start, end, best.index())))
          .as("the candidate's split attains the maximum (brute-force argmax %d)", bestTau)
          .isCloseTo(bestQ, within(1e-9 * (1 + Math.abs(bestQ))));
    }
  }

  private static int bestKappa(double[] z, int start, int end, int tau) {
    int best = tau + 1;
    for (int kappa = tau + 1; kappa <= end; kappa++) {
      if (bruteForceQ(z, start, tau, kappa) > bruteForceQ(z, start, tau, best)) {
        best = kappa;
      }
    }
    return best;
  }

  @Test
  void theCandidateOfAStepIsItsFirstNewPoint() {
    double[] z = {5, 6, 5, 6, 5, 20, 21, 20, 21};

    assertThat(new EnergyStatistic(z, 0, z.length).best().index()).isEqualTo(5);
    assertThat(new EnergyStatistic(z, 2, z.length).best().index()).isEqualTo(5);
  }
}

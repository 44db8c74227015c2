package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangePointDetectorTest {

  private final ChangePointDetector detector = new ChangePointDetector();
  private final ChangePointDetector.Options defaults = ChangePointDetector.Options.defaults();

  /**
   * Levels with 2 % multiplicative Gaussian noise from a fixed seed: {@code levels[i]} for {@code
   * lengths[i]} points.
   */
  private static double[] steps(long seed, double noise, double[] levels, int[] lengths) {
    Random rng = new Random(seed);
    int n = 0;
    for (int length : lengths) {
      n += length;
    }
    double[] z = new double[n];
    int i = 0;
    for (int s = 0; s < levels.length; s++) {
      for (int j = 0; j < lengths[s]; j++) {
        z[i++] = levels[s] * (1 + noise * rng.nextGaussian());
      }
    }
    return z;
  }

  private static double[] noise(long seed, int n, double noise) {
    return steps(seed, noise, new double[] {100}, new int[] {n});
  }

  @Test
  void findsOneObviousStepAtItsFirstIndex() {
    double[] z = steps(1, 0.02, new double[] {100, 130}, new int[] {40, 40});

    List<ChangePoint> found = detector.detect(z, defaults);

    assertThat(found).hasSize(1);
    ChangePoint cp = found.get(0);
    assertThat(cp.index()).isEqualTo(40);
    assertThat(cp.relativeChange()).isCloseTo(0.30, within(0.02));
    assertThat(cp.meanBefore()).isCloseTo(100, within(2.0));
    assertThat(cp.meanAfter()).isCloseTo(130, within(2.0));
    assertThat(cp.pValue()).isLessThan(1e-6);
  }

  @Test
  void findsTwoStepsInOrderWithTheirDirections() {
    double[] z = steps(2, 0.03, new double[] {100, 140, 90}, new int[] {30, 40, 30});

    List<ChangePoint> found = detector.detect(z, defaults);

    assertThat(found).extracting(ChangePoint::index).containsExactly(30, 70);
    assertThat(found.get(0).relativeChange()).isPositive();
    assertThat(found.get(1).relativeChange()).isNegative();
    assertThat(found.get(1).relativeChange()).isCloseTo(90.0 / 140 - 1, within(0.03));
  }

  @Test
  void findsStepsInALongSeriesAcrossManyWindows() {
    double[] z = steps(3, 0.05, new double[] {100, 125, 100, 150}, new int[] {120, 130, 110, 140});

    List<ChangePoint> found = detector.detect(z, defaults);

    assertThat(found).extracting(ChangePoint::index).containsExactly(120, 250, 360);
  }

  @Test
  void pureNoiseWithAFixedSeedHasNoChangePoint() {
    assertThat(detector.detect(noise(4, 150, 0.05), defaults)).isEmpty();
  }

  @Test
  void falseAlarmsOnHundredNoiseOnlySeriesAreRare() {
    int falseAlarms = 0;
    for (int i = 0; i < 100; i++) {
      falseAlarms += detector.detect(noise(1000 + i, 100, 0.10), defaults).size();
    }
    // At p = 0.001 per merged test and a few windows per series, a handful at most.
    assertThat(falseAlarms).isLessThanOrEqualTo(5);
  }

  @Test
  void tunedOptionsRarelyRaiseFalseAlarmsOnLongNoisyHistories() {
    int falseAlarms = 0;
    for (int i = 0; i < 20; i++) {
      double[] z = noise(2000 + i, 1000, 0.10);
      Random spikes = new Random(i);
      for (int j = 0; j < z.length; j++) {
        if (spikes.nextDouble() < 0.02) {
          z[j] *= 2.5;
        }
      }
      falseAlarms += detector.detect(z, ChangePointDetector.Options.TUNED).size();
    }
    // 20 000 points of noise: Otava's p = 0.001 raises ~20 here; the tuned p = 0.0001 ~2.
    assertThat(falseAlarms).isLessThanOrEqualTo(5);
  }

  @Test
  void constantSeriesHasNoChangePoint() {
    assertThat(detector.detect(new double[100], defaults)).isEmpty();
    assertThat(
            detector.detect(
                java.util.stream.DoubleStream.generate(() -> 7.5).limit(80).toArray(), defaults))
        .isEmpty();
  }

  @Test
  void noiselessStepIsCertain() {
    double[] z = steps(5, 0, new double[] {10, 12}, new int[] {20, 20});

    List<ChangePoint> found = detector.detect(z, defaults);

    assertThat(found)
        .singleElement()
        .satisfies(
            cp -> {
              assertThat(cp.index()).isEqualTo(20);
              assertThat(cp.pValue()).isZero();
              assertThat(cp.relativeChange()).isCloseTo(0.2, within(1e-12));
            });
  }

  @Test
  void seriesTooShortToTestGiveNothing() {
    assertThat(detector.detect(new double[0], defaults)).isEmpty();
    assertThat(detector.detect(new double[] {1}, defaults)).isEmpty();
    assertThat(detector.detect(new double[] {1, 5}, defaults)).isEmpty();
    assertThat(detector.detect(new double[] {1, 1, 5}, defaults)).isEmpty();
  }

  @Test
  void isolatedOutliersAndAPairOfThemDoNotCreateChangePoints() {
    double[] z = noise(6, 120, 0.03);
    z[0] *= 3;
    z[30] *= 2.5;
    z[61] *= 3;
    z[62] *= 2.8;
    z[119] *= 2;

    assertThat(detector.detect(z, defaults)).isEmpty();
  }

  @Test
  void anOutlierNextToAStepDoesNotMoveIt() {
    double[] z = steps(7, 0.03, new double[] {100, 125}, new int[] {50, 50});
    z[48] *= 3;
    z[51] *= 0.4;

    assertThat(detector.detect(z, defaults)).extracting(ChangePoint::index).containsExactly(50);
  }

  @Test
  void missingValuesAreSkippedAndIndicesStayInTheCallersArray() {
    double[] z = steps(8, 0.02, new double[] {100, 130}, new int[] {40, 40});
    z[10] = Double.NaN;
    z[40] = Double.NaN;
    z[41] = Double.NaN;

    List<ChangePoint> found = detector.detect(z, defaults);

    assertThat(found).extracting(ChangePoint::index).containsExactly(42);
    assertThat(detector.detect(new double[] {Double.NaN, Double.NaN}, defaults)).isEmpty();
  }

  @Test
  void infiniteValuesAreRejectedWithTheirIndex() {
    double[] z = noise(9, 20, 0.05);
    z[7] = Double.POSITIVE_INFINITY;

    assertThatThrownBy(() -> detector.detect(z, defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series[7]");
  }

  @Test
  void minMagnitudeDropsSignificantButSmallShifts() {
    double[] z = steps(10, 0.005, new double[] {100, 103}, new int[] {50, 50});

    assertThat(detector.detect(z, defaults)).extracting(ChangePoint::index).containsExactly(50);
    assertThat(detector.detect(z, defaults.withMinMagnitude(0.05))).isEmpty();
  }

  @Test
  void sameInputGivesSameOutputAndInputIsNotModified() {
    double[] z = steps(11, 0.08, new double[] {100, 120, 95}, new int[] {60, 45, 70});
    double[] copy = z.clone();

    List<ChangePoint> first = detector.detect(z, defaults);
    List<ChangePoint> second = detector.detect(z, defaults);

    assertThat(second).isEqualTo(first);
    assertThat(z).isEqualTo(copy);
  }

  @Test
  void optionsRejectNonsense() {
    assertThatThrownBy(() -> defaults.withMaxPValue(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxPValue(1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withWindowLength(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMinMagnitude(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withOutlierThreshold(0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsAreOtavasPlusTheOutlierScreen() {
    assertThat(defaults.maxPValue()).isEqualTo(0.001);
    assertThat(defaults.windowLength()).isEqualTo(50);
    assertThat(defaults.minMagnitude()).isZero();
    assertThat(defaults.outlierThreshold())
        .isEqualTo(ChangePointDetector.DEFAULT_OUTLIER_THRESHOLD);
  }

  @Test
  void theBracketOfAShortSweepsStepIsTheTwoPointsAroundIt() {
    double[] z = {272, 269, 273, 309, 372, 1815, 1479, 1491, 1499};

    List<ChangePoint> found = detector.detect(z, ChangePointDetector.Options.TUNED);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).index()).isEqualTo(5);
    assertThat(found.get(0).lastBefore()).isEqualTo(4);
  }

  @Test
  void anOutlierJustBeforeAStepWidensTheBracketInsteadOfHidingTheChange() {
    double[] z = steps(9, 0.02, new double[] {100, 150}, new int[] {30, 30});
    z[29] = 400; // screened out: the change happened somewhere after point 28

    List<ChangePoint> found = detector.detect(z, ChangePointDetector.Options.TUNED);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).index()).isEqualTo(30);
    assertThat(found.get(0).lastBefore()).isEqualTo(28);
  }

  @Test
  void aFivefoldStepWithANoisySlowSideIsFoundInAShortTimingSeries() {
    // p95 (µs) of the demo swept every 8th commit: 5 fast commits, then 4 slow ones whose tail
    // swings 1.5-4 ms. On raw values the slow side's spread swamps the step (p ~ 0.005, above the
    // tuned 1e-4); timing noise is multiplicative, and on log values the step is plain.
    double[] z = {300, 305, 310, 298, 306, 1550, 4050, 1600, 3900};

    List<ChangePoint> found = detector.detect(z, ChangePointDetector.Options.TUNED);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).index()).isEqualTo(5);
    assertThat(found.get(0).relativeChange()).isGreaterThan(5); // arithmetic means: 304 -> 2775
  }
}

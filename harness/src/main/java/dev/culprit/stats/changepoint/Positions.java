package dev.culprit.stats.changepoint;

import java.util.Arrays;

/** The measured (non-NaN) points of a series and where they sit in it. */
record Positions(int[] index, double[] value) {

  static Positions of(double[] series) {
    int[] kept = new int[series.length];
    int count = 0;
    for (int i = 0; i < series.length; i++) {
      if (Double.isInfinite(series[i])) {
        throw new IllegalArgumentException(
            "series["
                + i
                + "] is "
                + series[i]
                + "; change points need finite values (use NaN for a missing measurement)");
      }
      if (!Double.isNaN(series[i])) {
        kept[count++] = i;
      }
    }
    int[] index = Arrays.copyOf(kept, count);
    double[] value = new double[count];
    for (int i = 0; i < count; i++) {
      value[i] = series[index[i]];
    }
    return new Positions(index, value);
  }

  int size() {
    return index.length;
  }
}

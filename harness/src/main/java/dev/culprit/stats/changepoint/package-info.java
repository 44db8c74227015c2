/**
 * Change-point detection over a nightly series of per-commit measurements. Two detectors behind
 * {@link dev.culprit.stats.changepoint.StepDetector}: E-divisive means with the deterministic
 * split/merge of Hunter (Fleming et al., ICPE 2023, doi:10.1145/3578244.3583719), as shipped in
 * Apache Otava, and a penalised segmentation (L1-Potts as in asv, or PELT's Gaussian cost) solved
 * exactly; {@link dev.culprit.stats.changepoint.StepDetector#forSweep()} picks L1-Potts or the
 * Gaussian cost by series length. Two seeded studies measure them: {@link
 * dev.culprit.stats.changepoint.ChangePointStudy} (short and long series, several steps both ways,
 * spikes, bimodal noise; the one {@code selftest --change-points} prints, beside a {@link
 * dev.culprit.stats.changepoint.StepOracle} that is told the true steps and shows what the data can
 * reveal) and the older {@link dev.culprit.stats.changepoint.ChangePointBenchmark} (60–200 points,
 * E-divisive's tuning). It owns the statistics of "where does the level of this series move"; it
 * knows nothing about commits, git, builds or the results store (callers map an index back to a
 * commit), and it must not log results or print: it returns values. Depends only on the JDK and
 * commons-statistics (inference, and the distributions it brings).
 */
package dev.culprit.stats.changepoint;

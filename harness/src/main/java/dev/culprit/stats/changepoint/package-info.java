/**
 * Change-point detection over a nightly series of per-commit measurements: E-divisive means with the
 * deterministic split/merge of Hunter (Fleming et al., ICPE 2023, doi:10.1145/3578244.3583719), as
 * shipped in Apache Otava, plus a seeded synthetic benchmark that measures its precision and recall.
 * It owns the statistics of "where does the level of this series move"; it knows nothing about
 * commits, git, builds or the results store (callers map an index back to a commit), and it must not
 * log results or print: it returns values. Depends only on the JDK and commons-statistics-inference.
 */
package dev.culprit.stats.changepoint;

/**
 * Statistics that turn per-fork values into verdicts: the ratio estimate (Hodges-Lehmann shift of
 * log values), its seeded bootstrap confidence interval, the Mann-Whitney test, the three-way verdict
 * against a threshold, the adaptive fork budget, the bisect step judge, the noise floor from an A/A
 * run, and the simulation study that checks their error rates. The unit of evidence is one value
 * per JMH fork, because samples inside a fork share JIT state and are not independent. This package
 * knows only the JDK, HdrHistogram and Apache Commons Statistics: it never measures, never touches
 * git or Maven, and never logs results (callers render them). Change-point detection lives in its
 * own subpackage.
 */
package dev.culprit.stats;

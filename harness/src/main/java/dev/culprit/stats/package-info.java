/**
 * Statistics that turn per-fork values into verdicts: the ratio estimate (Hodges-Lehmann shift of
 * log values), its seeded bootstrap confidence interval, the Mann-Whitney test, the three-way
 * verdict against a threshold, the adaptive fork budget, the bisect step judge and the one step
 * verdict, the noise floor from an A/A run (and its stored report), and the simulation studies that
 * check their error rates (of the comparator, and of any step rule handed to {@code StepSelfTest}).
 * The unit of evidence is one value per JMH fork, because samples inside a fork share JIT state and
 * are not independent. This package knows only the JDK, HdrHistogram, Apache Commons Statistics and
 * Jackson's annotations: it never measures, never touches git or Maven, and never logs results
 * (callers render them). Change-point detection lives in its own subpackage.
 */
package dev.culprit.stats;

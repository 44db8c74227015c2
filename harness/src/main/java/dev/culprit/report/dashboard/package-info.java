/**
 * The static HTML dashboard of sweep results: reads the sweep documents a sweep wrote under {@code
 * <results>/<scenario>/sweeps/<id>/sweep.json}, and writes a self-contained site (one page, its
 * data embedded, Chart.js copied from its WebJar) that works from {@code file://} with no network.
 * The sweep document's schema is {@link dev.culprit.sweep.SweepDocument}, owned by the sweep that
 * produces it; this package reads and writes its JSON form ({@code SweepFiles}). It must not
 * measure, detect change points or run git: every figure on the page comes from a document.
 */
package dev.culprit.report.dashboard;

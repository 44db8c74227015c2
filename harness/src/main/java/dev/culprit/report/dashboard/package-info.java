/**
 * The static HTML dashboard of sweep results: reads the sweep documents a sweep wrote under
 * {@code <results>/<scenario>/sweeps/<id>/sweep.json}, and writes a self-contained site (one page,
 * its data embedded, Chart.js copied from its WebJar) that works from {@code file://} with no network.
 * It owns the sweep document's schema ({@link dev.culprit.report.dashboard.SweepDocument}) and its
 * JSON form, so the sweep that writes it and the page that reads it cannot drift apart. It must not
 * measure, detect change points or run git: every figure on the page comes from a document.
 */
package dev.culprit.report.dashboard;

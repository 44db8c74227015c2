/**
 * Rendering of results: terminal summaries, Markdown reports and the HTML dashboard, from the typed
 * results of the layers that produce them (bisect, compare, sweep, profile). Imported only by
 * {@code cli} and {@code flow}. Reads results; never measures, builds or decides.
 */
package dev.culprit.report;

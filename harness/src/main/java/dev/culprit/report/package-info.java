/**
 * Rendering of results: terminal summaries, Markdown reports, JSON documents and the HTML
 * dashboard. Reads results; never measures, builds or decides.
 */
package dev.culprit.report;

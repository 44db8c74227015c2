/**
 * bisect: the search over the commit graph (git's semantics, skips, skip-away) and its
 * orchestration with real measurements and per-step verdicts. Sees commits only through the
 * Measurer; never builds or runs JMH itself.
 */
package dev.culprit.bisect;

/**
 * The use cases end to end, one class each, composing the capabilities below: bisect (search →
 * verify → profile → persist), sweep (select the history, measure, change points, gaps bisected
 * with the bisect flow), compare, noise, profile. A flow opens the workbench, returns a typed
 * result, and prints only progress on stderr; rendering and exit codes stay in {@code cli}. Only
 * {@code cli} depends on this package.
 */
package dev.culprit.flow;

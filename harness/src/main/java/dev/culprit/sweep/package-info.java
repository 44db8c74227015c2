/**
 * History sweeps: measure every k-th commit of a range (reusing the store by build-input tree),
 * detect change points per metric, and hand each regressed gap to a {@code Sweeper.GapBisector}
 * (the sweep flow bisects it with the bisect flow). Owns the sweep's results: the sweep document
 * (SweepDocument and its parts, which the dashboard renders) and the --json summary. Sees
 * measurements only through {@code measure.Measurer}; must not write files or render.
 */
package dev.culprit.sweep;

/**
 * History sweeps: measure every k-th commit of a range (reusing the store by build-input tree),
 * detect change points per metric, bisect inside the gaps, and write the sweep document the
 * dashboard reads. Sees measurements only through the pipeline's Measurer.
 */
package dev.culprit.sweep;

/**
 * Machine checks for {@code culprit doctor}: tools present, load, governor, disk, the profiler's
 * working events and the stored A/A noise floors. Measures nothing stored.
 */
package dev.culprit.doctor;

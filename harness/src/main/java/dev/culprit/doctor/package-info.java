/** Machine checks for {@code culprit doctor}: tools present, load, governor, disk, noise. Measures nothing stored. */
package dev.culprit.doctor;

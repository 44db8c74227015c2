/**
 * The results folder: layout, atomic write-once files, environment fingerprints. Stores what it is
 * given; it never measures, builds or decides.
 */
package dev.culprit.store;

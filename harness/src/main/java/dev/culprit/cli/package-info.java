/**
 * picocli commands only: each parses its options, calls one flow of {@code dev.culprit.flow} (or
 * one capability for the small commands: doctor, report, merge, baseline, selftest), renders the
 * typed result with {@code report}, and maps it to the exit-code table. Nothing depends on this
 * package.
 */
package dev.culprit.cli;

/**
 * picocli commands only: parse, call one core flow, render, map the outcome to the exit-code
 * table. Nothing depends on this package.
 */
package dev.culprit.cli;

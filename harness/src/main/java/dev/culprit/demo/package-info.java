/**
 * The demo: a generated, deterministic git history of the real workload/ and benchmarks/ sources
 * with one known culprit, recorded beside the repository. Knows JGit and the templates only.
 */
package dev.culprit.demo;

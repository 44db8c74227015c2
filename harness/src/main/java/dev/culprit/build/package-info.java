/**
 * Runs the scenario's build command in a worktree: timeout, log, artifact check. Knows nothing of
 * git history or JMH.
 */
package dev.culprit.build;

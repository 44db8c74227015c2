/**
 * JGit only (never the git CLI): refs, ranges over the commit graph, changed paths, build-input
 * ids, and reused worktrees with the pinned paths overlaid. Knows nothing of builds or benchmarks.
 */
package dev.culprit.git;

/**
 * async-profiler around JMH: extracting the native library, checking which events the kernel
 * allows, running profiled forks, and turning their collapsed stacks into comparisons a person can
 * read (frame share tables, a headline tied to the changed files, HTML flame graphs). It knows
 * nothing of scenarios, git or the searches: callers hand it JMH arguments, paths and changed file
 * names, and it must not decide whether a commit is good or bad.
 */
package dev.culprit.profile;

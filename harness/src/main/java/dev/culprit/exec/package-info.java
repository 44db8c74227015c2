/**
 * Runs child processes: argument lists only, output captured to a log file, a hard timeout that
 * kills the whole tree. Knows nothing of Maven, JMH or git.
 */
package dev.culprit.exec;

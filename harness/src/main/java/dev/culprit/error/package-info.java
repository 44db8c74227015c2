/** The exit-code table and the one exception family. Knows nothing else; everything may use it. */
package dev.culprit.error;

package dev.culprit.bisect;

/**
 * What a fresh interleaved comparison of the culprit with its parent said, after the search: the
 * bisect result's "verification" section.
 *
 * @param confidence one line for a person: confirmed, not confirmed, or unsure
 */
public record Verification(
    String parent,
    String culprit,
    String metric,
    String verdict,
    double ratio,
    double ciLow,
    double ciHigh,
    double pValue,
    int forksPerSide,
    String confidence) {}

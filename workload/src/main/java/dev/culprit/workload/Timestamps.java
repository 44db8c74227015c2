package dev.culprit.workload;

/** Hand-rolled parsing of the combined-log timestamp {@code 10/Oct/2026:13:55:36 +0000}. */
final class Timestamps {
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private Timestamps() {}

  /** Seconds since the epoch of the timestamp starting at {@code at} (just after the '['). */
  static long parseClf(String s, int at) {
    int day = digits(s, at, 2);
    int month = MONTHS.indexOf(s.substring(at + 3, at + 6)) / 3 + 1;
    int year = digits(s, at + 7, 4);
    int hour = digits(s, at + 12, 2);
    int minute = digits(s, at + 15, 2);
    int second = digits(s, at + 18, 2);
    int sign = s.charAt(at + 21) == '-' ? -1 : 1;
    int offsetMinutes = sign * (digits(s, at + 22, 2) * 60 + digits(s, at + 24, 2));
    long days = daysFromCivil(year, month, day);
    return days * 86_400 + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
  }

  private static int digits(String s, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /** Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
  static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}

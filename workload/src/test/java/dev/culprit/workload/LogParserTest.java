package dev.culprit.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LogParserTest {
  static final String LINE = "10.1.2.3 - - [10/Oct/2026:13:55:36 +0200] \"GET /api/items?id=7 HTTP/1.1\" 503 2326 \"-\" \"curl/8.4\" 0.0123";

  @Test
  void parsesEveryField() {
    LogRecord r = LogParser.parseLine(LINE);
    assertThat(r.ip()).isEqualTo("10.1.2.3");
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/api/items");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bytes()).isEqualTo(2326);
    assertThat(r.userAgent()).isEqualTo("curl/8.4");
    assertThat(r.latencyMicros()).isEqualTo(12_300);
    assertThat(r.isError()).isTrue();
  }

  @Test
  void timestampAgreesWithJavaTime() {
    long expected = ZonedDateTime.parse("10/Oct/2026:13:55:36 +0200", DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)).toEpochSecond();
    assertThat(LogParser.parseLine(LINE).epochSecond()).isEqualTo(expected);
  }

  @Test
  void malformedLinesAreDropped() {
    assertThat(LogParser.parse(List.of(LINE, "garbage", ""))).hasSize(1);
  }

  @Test
  void aggregatesPerPath() {
    Aggregator a = new Aggregator();
    a.addAll(LogParser.parse(List.of(LINE, LINE.replace("503", "200"), LINE.replace("/api/items", "/health"))));
    assertThat(a.top(1).get(0).path()).isEqualTo("/api/items");
    assertThat(a.stats("/api/items").requests()).isEqualTo(2);
    assertThat(a.stats("/api/items").errorRate()).isEqualTo(0.5);
    assertThat(a.paths()).isEqualTo(2);
  }
}

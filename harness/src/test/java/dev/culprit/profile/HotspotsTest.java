package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HotspotsTest {

  @Test
  void topInclusiveSkipsThreadRootsAndJmhFramesAndRanksByCumulativeShare() {
    // culprit of ProfileDiffTest: handle 100 %, parse 40 %, query 40 %, format 30 %
    List<Hotspots.Hotspot> top = Hotspots.topInclusive(ProfileDiffTest.CULPRIT, 5);

    assertThat(top)
        .extracting(Hotspots.Hotspot::frame)
        .containsExactly(
            "app.Service.handle", "app.Db.query", "app.Parser.parse", "java.lang.String.format");
    assertThat(top).extracting(Hotspots.Hotspot::percent).containsExactly(100.0, 40.0, 40.0, 30.0);
  }

  @Test
  void jmhGeneratedLoopAndReflectionAreHarness() {
    CollapsedStacks p =
        CollapsedStacks.parse(
            """
            java/lang/Thread.run;org/openjdk/jmh/runner/BenchmarkHandler$BenchmarkTask.call;\
            jdk/internal/reflect/NativeMethodAccessorImpl.invoke0;\
            fixture/jmh_generated/ParseBench_parseAll_jmhTest.parseAll_avgt_jmhStub;\
            fixture/ParseBench.parseAll;fixture/LineParser.parseLine 3
            java/lang/Thread.run;fixture/ParseBench.parseAll 1
            """,
            "jmh");

    List<Hotspots.Hotspot> top = Hotspots.topInclusive(p, 5);

    assertThat(top)
        .extracting(Hotspots.Hotspot::shortName)
        .containsExactly("ParseBench.parseAll", "LineParser.parseLine");
    assertThat(top.get(1).percent()).isCloseTo(75.0, within(1e-9));
  }

  @Test
  void topSelfIsWhereTheSamplesLand() {
    assertThat(Hotspots.topSelf(ProfileDiffTest.CULPRIT, 2))
        .extracting(Hotspots.Hotspot::frame)
        .containsExactly("app.Db.query", "java.lang.String.format");
  }
}

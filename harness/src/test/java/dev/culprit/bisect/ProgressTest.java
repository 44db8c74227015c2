package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Progress as a CI log shows it, on a fake clock: the fork counter, a live estimate, a stable step
 * total.
 */
class ProgressTest {
  long nanos;
  final StringWriter out = new StringWriter();
  final Progress p = new Progress(new PrintWriter(out, true), false, () -> nanos);

  void advance(double seconds) {
    nanos += (long) (seconds * 1e9);
  }

  List<String> lines() {
    return out.toString().lines().toList();
  }

  String last() {
    List<String> l = lines();
    return l.get(l.size() - 1);
  }

  private void pairedStep(int forks, double secondsEach) {
    p.nextStep();
    p.planForks(forks);
    for (int i = 0; i < forks; i++) {
      p.fork(i % 2 == 0 ? "candidate" : "reference", "29c3b7d116aa");
      advance(secondsEach);
    }
  }

  @Test
  void eachForkSaysWhichOfHowMany() {
    p.expect(8);
    pairedStep(6, 3);
    assertThat(lines()).hasSize(6);
    assertThat(lines().get(3)).startsWith("[step 1 of ~8] 29c3b7d116 fork 4 of 6 (reference)");
  }

  @Test
  void theEstimateRisesWhenAStepGrowsAndFallsAsForksFinish() {
    p.expect(4);
    pairedStep(6, 3); // step 1: 3 s a fork
    p.nextStep();
    p.planForks(6);
    p.fork("candidate", "a3b0f91675");
    advance(3);
    p.fork("reference", "a3b0f91675");
    String before = last();
    p.planForks(12); // unsure: grows to 6 forks per side
    advance(3);
    p.fork("candidate", "a3b0f91675");
    String grown = last();
    assertThat(grown).contains("fork 3 of 12");
    assertThat(left(grown)).isGreaterThan(left(before) + 10);
    advance(3);
    p.fork("reference", "a3b0f91675");
    assertThat(left(last())).isLessThan(left(grown));
  }

  @Test
  void theStepTotalDoesNotBounceBackUpAfterADecidedStep() {
    p.expect(8);
    p.nextStep();
    p.expect(7);
    p.expect(8);
    p.planForks(6);
    p.fork("candidate", "29c3b7d116aa");
    assertThat(last()).startsWith("[step 1 of ~7]");
    p.reexpect(9); // a skipped step really adds work
    p.fork("reference", "29c3b7d116aa");
    assertThat(last()).startsWith("[step 1 of ~9]");
  }

  @Test
  void plainModeWritesNoEscapeSequences() {
    p.expect(3);
    pairedStep(2, 1);
    p.note("verifying");
    p.done();
    assertThat(out.toString()).doesNotContain("\r").doesNotContain("\033");
  }

  @Test
  void barModeRedrawsOneLineAndEndsItCleanly() {
    StringWriter tty = new StringWriter();
    Progress bar = new Progress(new PrintWriter(tty, true), true, () -> nanos);
    bar.expect(2);
    bar.nextStep();
    bar.planForks(2);
    bar.fork("candidate", "29c3b7d116aa");
    bar.note("  a note on its own line");
    bar.done();
    String s = tty.toString();
    assertThat(s)
        .contains("\r\033[2K[")
        .contains("fork 1 of 2")
        .contains("\n  a note on its own line\n".substring(1));
    assertThat(s).endsWith("\r\033[2K");
  }

  private static double left(String line) {
    String t = line.substring(line.indexOf(", ~") + 3, line.indexOf(" left"));
    return parse(t);
  }

  private static double parse(String t) {
    if (t.contains("m")) {
      String[] mn = t.split("m");
      return Double.parseDouble(mn[0]) * 60
          + (mn.length > 1 && !mn[1].isEmpty() ? Double.parseDouble(mn[1].replace("s", "")) : 0);
    }
    return Double.parseDouble(t.replace("s", ""));
  }
}

package dev.culprit.it;

import dev.culprit.cli.Main;
import dev.culprit.shape.SchemaCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Runs the CLI in-process with captured output, as a user would see it; checks every JSON document
 * the run printed ({@code --json}) or wrote under {@code --results} against results/schemas/.
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    FileTime started = FileTime.from(Instant.now());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    // every JSON document the run printed or stored must fit its published schema
    SchemaCheck.assertRunValid(args, out.toString(), started);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The last line on stderr that starts with "culprit:", i.e. the one-line error. */
  String errorLine() {
    return err.lines().filter(l -> l.startsWith("culprit:")).reduce((a, b) -> b).orElse("");
  }
}

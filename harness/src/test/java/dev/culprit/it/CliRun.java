package dev.culprit.it;

import dev.culprit.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured output, as a user would see it. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The last line on stderr that starts with "culprit:", i.e. the one-line error. */
  String errorLine() {
    return err.lines().filter(l -> l.startsWith("culprit:")).reduce((a, b) -> b).orElse("");
  }
}

package dev.culprit.cli;

import ch.qos.logback.classic.Level;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.report.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: parse, run one command, map its outcome to the one exit-code table. */
@Command(
    name = "culprit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Hunts performance regressions through git history with real builds and real JMH runs.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit demo                          # a generated history with a known culprit",
      "  culprit bisect --repo . --good v1.4.0 --bad HEAD --scenario benchmarks/scenarios/demo-parse.yaml",
      "  culprit compare --repo . --scenario s.yaml origin/main HEAD",
      "  culprit <command> --help              # every command's options, exit codes and examples"
    },
    subcommands = {
      BisectCommand.class,
      MeasureCommand.class,
      DemoCommand.class,
      CompareCommand.class,
      BaselineCommand.class,
      NoiseCommand.class,
      SelftestCommand.class,
      ProfileCommand.class,
      SweepCommand.class,
      MergeCommand.class,
      ReportCommand.class,
      DoctorCommand.class,
      InitCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  static boolean verbose;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "name a command, e.g. 'culprit bisect' (see --help)");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err);
    // autoflush covers println/printf only: what a command print()ed must not be lost at exit
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command with injected writers; returns the exit code (for tests and the launcher). */
  public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
    // commit subjects reach both streams: no control sequence from a commit may reach the terminal
    PrintWriter out = TerminalText.safe(rawOut);
    PrintWriter err = TerminalText.safe(rawErr);
    for (String a : args) {
      if (a.equals("-v") || a.equals("--verbose")) {
        verbose = true;
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .setLevel(Level.DEBUG);
      }
    }
    CommandLine cl = new CommandLine(new Main());
    HelpSections.applyTo(cl);
    cl.setOut(out);
    cl.setErr(err);
    // an empty path ('--results ""') would silently mean the current folder
    cl.registerConverter(
        Path.class,
        s -> {
          if (s.isBlank()) {
            throw new CommandLine.TypeConversionException("an empty path; name a file or folder");
          }
          return Path.of(s);
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println(
              "culprit: "
                  + ex.getMessage().lines().findFirst().orElse("bad arguments")
                  + " (see '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          return ExitCode.USAGE.code();
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          CulpritException ce = unwrap(ex);
          if (ce != null) {
            err.println("culprit: " + ce.getMessage());
            if (verbose) {
              ce.printStackTrace(err);
            }
            return ce.exitCode().code();
          }
          err.println(
              "culprit: internal error: "
                  + ex
                  + (verbose ? "" : " (run with -v for the stack trace)"));
          if (verbose) {
            ex.printStackTrace(err);
          }
          return ExitCode.INTERNAL.code();
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static CulpritException unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CulpritException ce) {
        return ce;
      }
    }
    return null;
  }
}

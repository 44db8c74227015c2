package dev.culprit.error;

/**
 * The one unchecked exception family for real errors. The message is a single line that names the
 * input and says what to do; the CLI prints it without a stack trace unless {@code -v}.
 */
public class CulpritException extends RuntimeException {
  private final ExitCode exitCode;

  public CulpritException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CulpritException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static CulpritException usage(String message) {
    return new CulpritException(ExitCode.USAGE, message);
  }

  public static CulpritException environment(String message) {
    return new CulpritException(ExitCode.ENVIRONMENT, message);
  }

  public static CulpritException environment(String message, Throwable cause) {
    return new CulpritException(ExitCode.ENVIRONMENT, message, cause);
  }
}

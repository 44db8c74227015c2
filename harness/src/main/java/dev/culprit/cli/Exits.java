package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command can return; {@link HelpSections} lists them, with their meaning from
 * {@link ExitCode}, in the command's help. A command without it lists the whole table.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Exits {
  ExitCode[] value();
}

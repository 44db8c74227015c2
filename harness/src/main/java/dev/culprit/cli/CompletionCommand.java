package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = "Print a shell completion script for culprit's commands and options.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit completion bash > ~/.local/share/bash-completion/completions/culprit",
      "  culprit completion zsh > ~/.culprit.zsh   # and in ~/.zshrc: source ~/.culprit.zsh"
    })
@Exits({ExitCode.OK, ExitCode.USAGE})
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    // picocli's script serves both shells: under zsh it enables bashcompinit before registering
    String script = AutoComplete.bash("culprit", spec.root().commandLine());
    var out = spec.commandLine().getOut();
    out.print(
        shell == Shell.zsh
            ? "# zsh: source this from ~/.zshrc; it loads compinit and bashcompinit\n" + script
            : script);
    out.flush();
    return ExitCode.OK.code();
  }
}

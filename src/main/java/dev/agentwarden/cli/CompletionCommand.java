package dev.agentwarden.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warden completion bash}: the shell completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the completion script of a shell: source <(warden completion bash)"})
final class CompletionCommand extends Base {

    /** The shells there is a script for. */
    enum Shell { bash }

    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    int execute() {
        out().print(AutoComplete.bash("warden", spec.root().commandLine()));
        return 0;
    }
}

package dev.agentwarden.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process, as a test would type it: environment, stdin, captured stdout and stderr. */
final class Cli {

    /** What one run printed, and its exit code. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private long maxPolls = Long.MAX_VALUE;
    private boolean terminal;
    private boolean interactive;

    Cli(Path configDir) {
        env.put("WARDEN_CONFIG_DIR", configDir.toString());
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli stdin(String text) {
        stdin = text;
        return this;
    }

    /** Whether stderr is to be taken for a terminal. */
    Cli terminal(boolean isTerminal) {
        terminal = isTerminal;
        return this;
    }

    /** Whether someone is taken to be at the terminal to answer a prompt (read from stdin, as without a console). */
    Cli interactive(boolean atATerminal) {
        interactive = atATerminal;
        return this;
    }

    Cli polls(long polls) {
        maxPolls = polls;
        return this;
    }

    Result run(String... args) {
        Warden warden = new Warden(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        warden.maxPolls = maxPolls;
        warden.pollInterval = Duration.ofMillis(20);
        warden.stderrTerminal = terminal;
        warden.interactive = interactive;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(warden);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}

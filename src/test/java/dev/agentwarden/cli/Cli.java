package dev.agentwarden.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
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
    /** Computes stdin from what the command printed so far, when it first reads (answers a prompt). */
    private Function<String, String> answer;
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

    /** Stdin made, when the command first reads it, from its output so far (a code computed from a printed secret). */
    Cli stdin(Function<String, String> fromOutput) {
        answer = fromOutput;
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = answer == null ? new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))
                : new InputStream() {
                    private ByteArrayInputStream computed;

                    @Override
                    public int read() {
                        if (computed == null) {
                            computed = new ByteArrayInputStream(answer.apply(out.toString())
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                        return computed.read();
                    }
                };
        Warden warden = new Warden(env, in, null);
        warden.maxPolls = maxPolls;
        warden.pollInterval = Duration.ofMillis(20);
        warden.stderrTerminal = terminal;
        warden.interactive = interactive;
        CommandLine commandLine = new CommandLine(warden);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}

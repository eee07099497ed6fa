package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every leaf command shares: the root's context, output, and the mapping of failures to exit codes. */
abstract class Base implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Warden warden() {
        return (Warden) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return warden().json;
    }

    String profile() {
        return warden().profile;
    }

    Instant now() {
        return warden().clock.instant();
    }

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliError e) {
            err().println("Error: " + e.getMessage());
            err().flush();
            return e.exitCode();
        } finally {
            out().flush();
        }
    }

    /** The command's work; its exit code. */
    abstract int execute();

    void printJson(JsonNode node) {
        out().println(Json.pretty(node));
    }

    /** A usage error of this command (exit 2, with picocli's usage hint). */
    picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}

package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Function;
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
            if (e instanceof ApiError refusal) {
                refusal.errors().forEach(err()::println);
            }
            err().flush();
            return e.exitCode();
        } finally {
            out().flush();
        }
    }

    /** The command's work; its exit code. */
    abstract int execute();

    /**
     * {@code call} on the server, with {@code X-MFA-Code} when {@code --mfa-code} was given. Without one, a 401
     * {@code mfa_required} at a terminal asks for the code ("MFA code: ", no echo) and runs {@code call} once more.
     */
    <T> T withMfa(MfaCode mfa, Function<Api, T> call) {
        Api api = warden().api();
        if (mfa.code != null) {
            return call.apply(api.with(Api.MFA_HEADER, mfa.code));
        }
        try {
            return call.apply(api);
        } catch (ApiError e) {
            if (e.status() != 401 || !"mfa_required".equals(e.code()) || !warden().interactive()) {
                throw e;
            }
            return call.apply(api.with(Api.MFA_HEADER, new String(warden().readSecret("MFA code: "))));
        }
    }

    /** {@code node} with {@code --json}, else {@code line}: what a command that changed something says it did. */
    int report(JsonNode node, String line) {
        if (json()) {
            printJson(node);
        } else {
            out().println(line);
        }
        return 0;
    }

    void printJson(JsonNode node) {
        out().println(Json.pretty(node));
    }

    /** A usage error of this command (exit 2, with picocli's usage hint). */
    picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}

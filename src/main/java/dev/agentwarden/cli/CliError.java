package dev.agentwarden.cli;

/** A failure the command line reports as {@code Error: <message>} on stderr, with its exit code. */
class CliError extends RuntimeException {

    /** The server refused the request. */
    static final int REFUSED = 1;
    /** The command was used wrongly (picocli's code for usage errors too). */
    static final int USAGE = 2;
    /** The server could not be reached. */
    static final int UNREACHABLE = 3;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliError usage(String message) {
        return new CliError(USAGE, message);
    }

    static CliError notLoggedIn(String profile) {
        return usage("not logged in (profile " + profile + "): run `warden login --url URL --user NAME"
                + (Profiles.DEFAULT.equals(profile) ? "" : " --profile " + profile)
                + "`, or set WARDEN_URL and WARDEN_TOKEN");
    }
}

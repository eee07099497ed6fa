package dev.agentwarden.cli;

import picocli.CommandLine;

/** {@code java -jar warden.jar}: runs the {@link Warden} command line and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Warden()).execute(args));
    }
}

package dev.agentwarden.cli;

import picocli.CommandLine.Option;

/** {@code --mfa-code CODE}, mixed into every command whose operation the agent's MFA policy may protect. */
final class MfaCode {

    @Option(names = "--mfa-code", paramLabel = "CODE",
            description = "A TOTP or recovery code, sent as X-MFA-Code (asked for at a terminal when the server wants one).")
    String code;
}

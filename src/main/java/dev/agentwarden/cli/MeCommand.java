package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden me mfa enrol|disable}: the caller's own second factor ({@code /api/me/mfa}). */
@Command(name = "me", mixinStandardHelpOptions = true, description = "Your own account.",
        subcommands = MeCommand.Mfa.class)
final class MeCommand extends Group {

    static final String MFA = "api/me/mfa";

    /** {@code me mfa enrol|disable}. */
    @Command(name = "mfa", mixinStandardHelpOptions = true, description = "Your TOTP second factor.",
            subcommands = {Mfa.Enrol.class, Mfa.Disable.class})
    static final class Mfa extends Group {

        /** {@code me mfa enrol}: enrol, scan, confirm with a first code, keep the recovery codes. */
        @Command(name = "enrol", aliases = "enroll", mixinStandardHelpOptions = true,
                description = {"Turn on TOTP: shows the QR code and secret for your authenticator app, asks for",
                    "its first code, then prints 10 recovery codes, once. With --json: two JSON lines, the",
                    "enrolment (secret, otpauth_uri) before the prompt, the recovery codes after."})
        static final class Enrol extends Base {

            @Override
            int execute() {
                Api api = warden().api();
                JsonNode enrolment = api.send("POST", MFA, Json.MAPPER.createObjectNode());
                if (!enrolment.isObject()) {
                    throw new CliError(CliError.REFUSED, "the server answered the enrolment without a secret");
                }
                String uri = Json.text(enrolment, "otpauth_uri");
                if (json()) {
                    ObjectNode shown = enrolment.deepCopy();
                    shown.remove("qr_png");
                    out().println(Json.compact(shown));
                } else {
                    out().println("Scan this QR code with your authenticator app:");
                    out().println();
                    if (uri != null) {
                        out().print(QrText.render(uri));
                    }
                    out().println();
                    out().println("Or add it by hand: " + uri);
                    out().println("Secret: " + Json.text(enrolment, "secret"));
                }
                out().flush();
                char[] code = warden().readSecret("Code from your authenticator app: ");
                JsonNode confirmed;
                try {
                    confirmed = api.send("POST", MFA + "/confirm",
                            Json.MAPPER.createObjectNode().put("code", new String(code)));
                } finally {
                    Arrays.fill(code, '\0');
                }
                if (json()) {
                    out().println(Json.compact(confirmed));
                    return 0;
                }
                out().println("MFA is on.");
                out().println("Recovery codes (each works once, in place of a TOTP code):");
                confirmed.path("recovery_codes").forEach(c -> out().println("  " + c.asText()));
                out().println("Store these recovery codes somewhere safe now: they are not shown again.");
                return 0;
            }
        }

        /** {@code me mfa disable --mfa-code X}. */
        @Command(name = "disable", mixinStandardHelpOptions = true,
                description = "Turn your second factor off; needs a current code (asked for when not given).")
        static final class Disable extends Base {

            @Option(names = "--mfa-code", paramLabel = "CODE", description = "A TOTP or recovery code (X-MFA-Code).")
            String mfaCode;

            @Override
            int execute() {
                String code = mfaCode != null ? mfaCode : new String(warden().readSecret("MFA code: "));
                warden().api().with(Api.MFA_HEADER, code).delete(MFA);
                return report(Json.MAPPER.createObjectNode().put("mfa", false), "MFA is off for your account.");
            }
        }
    }
}

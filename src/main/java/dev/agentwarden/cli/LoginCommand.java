package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden login --url URL --user NAME}: a password grant; the token is kept in the credential file. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to a Warden server with a user's password; the token is kept for the next commands.",
            "The token (never the password) goes to the credential file, mode 0600. The password is read without",
            "echo, or from stdin when it is not a terminal."})
final class LoginCommand extends Base {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, e.g. https://agent.example.com")
    String url;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user name.")
    String user;

    @Option(names = "--mfa-code", paramLabel = "CODE",
            description = "A TOTP or recovery code, for users with MFA (asked for at a terminal when needed).")
    String mfaCode;

    @Override
    int execute() {
        URI base = Api.baseUri(url);
        char[] password = warden().readSecret("Password: ");
        JsonNode answer;
        try {
            answer = token(base, password, mfaCode);
        } catch (ApiError e) {
            if (!"mfa_required".equals(e.code()) || mfaCode != null || !warden().interactive()) {
                throw e;
            }
            answer = token(base, password, new String(warden().readSecret("MFA code: ")));
        } finally {
            Arrays.fill(password, '\0');
        }
        String token = Json.text(answer, "access_token");
        if (token == null) {
            throw new CliError(CliError.REFUSED, "the server at " + base + " answered without an access_token");
        }
        warden().profiles().put(profile(), new Profiles.Entry(base.toString(), token));
        long expiresIn = answer.path("expires_in").asLong(0);
        if (json()) {
            printJson(Json.MAPPER.createObjectNode().put("profile", profile()).put("url", base.toString())
                    .put("user", user).put("expires_in", expiresIn));
        } else {
            out().println("Logged in to " + base + " as " + user + " (profile " + profile() + ")"
                    + (expiresIn > 0 ? "; the token expires " + Table.ago(now().plusSeconds(expiresIn).toString(),
                    now(), "") : "") + ".");
        }
        return 0;
    }

    private JsonNode token(URI base, char[] password, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", user);
        form.put("password", new String(password));
        form.put("mfa_code", code);
        return new Api(base, null).postForm("api/auth/token", form);
    }
}

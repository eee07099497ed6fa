package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden keys create|list|rotate|revoke}: the seed's API key commands ({@code /api/agents/{agent}/keys}). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list, rotate and revoke an agent's API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Rotate.class,
            KeysCommand.Revoke.class})
final class KeysCommand extends Group {

    /** A durations as the API takes it: {@code 30s}, {@code 5m}, {@code 24h}, {@code 90d}. */
    static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,8}[smhd]");
    /** A whole key: the prefix and more than a display prefix's worth of the secret. */
    private static final Pattern FULL_KEY = Pattern.compile("sk_(live|test)_[A-Za-z0-9]{16,}");

    /** The key environments. */
    enum Env { live, test }

    static String keysPath(String agent) {
        return "api/agents/" + Api.path(agent) + "/keys";
    }

    static void printKey(Base command, JsonNode issued) {
        command.out().println("API Key: " + Json.text(issued, "key"));
        command.out().println("Keep this key secure!");
    }

    /** {@code keys create <agent> --name N}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key; it is printed once, and never stored by the command line.")
    static final class Create extends Base {

        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent the key invokes.")
        String agent;

        @Option(names = "--name", required = true, description = "A name for the key, e.g. production.")
        String name;

        @Option(names = "--length", paramLabel = "N", description = "Random characters in the key (32 to 128; default 32).")
        Integer length;

        @Option(names = "--env", paramLabel = "ENV", description = "The key's environment: ${COMPLETION-CANDIDATES} "
                + "(default live).")
        Env env;

        @Option(names = "--expires", paramLabel = "DURATION", description = "Expiry, e.g. 90d (default: never).")
        String expires;

        @Mixin
        MfaCode mfa;

        @Override
        int execute() {
            if (expires != null && !DURATION.matcher(expires).matches()) {
                throw usage("--expires must be a duration such as 30s, 5m, 24h or 90d: " + expires);
            }
            if (length != null && (length < 32 || length > 128)) {
                throw usage("--length must be between 32 and 128");
            }
            ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
            if (length != null) {
                body.put("length", length);
            }
            if (env != null) {
                body.put("environment", env.name());
            }
            if (expires != null) {
                body.put("expires_in", expires);
            }
            JsonNode issued = withMfa(mfa, api -> api.send("POST", keysPath(agent), body));
            if (json()) {
                printJson(issued);
            } else {
                printKey(this, issued);
            }
            return 0;
        }
    }

    /** {@code keys list <agent>}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an agent's API keys (never their secret).")
    static final class ListKeys extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Override
        int execute() {
            JsonNode keys = warden().api().get(keysPath(agent));
            if (json()) {
                printJson(keys);
                return 0;
            }
            Table table = new Table("ID", "NAME", "PREFIX", "ENV", "STATUS", "CREATED", "LAST USED", "EXPIRES");
            for (JsonNode key : keys) {
                table.row(Json.text(key, "id"), Json.text(key, "name"), Json.text(key, "prefix"),
                        Json.text(key, "environment"), Json.text(key, "status"),
                        Table.ago(Json.text(key, "created_at"), now(), "-"),
                        Table.ago(Json.text(key, "last_used_at"), now(), "never"),
                        Table.ago(Json.text(key, "expires_at"), now(), "never"));
            }
            table.printOr(out(), "No keys for agent " + agent + ".");
            return 0;
        }
    }

    /** What rotate and revoke share: {@code <agent> --key <id|prefix>}, resolved to an id. */
    abstract static class OneKey extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--key", required = true, paramLabel = "ID|PREFIX",
                description = "The key's id or its listed prefix (sk_live_AbCd), never the whole key.")
        String key;

        @Mixin
        MfaCode mfa;

        /** Refuses a whole key in {@code --key} (exit 2), before anything is sent. */
        void refuseWholeKey() {
            if (FULL_KEY.matcher(key).matches()) {
                throw usage("--key takes the key's id or its prefix (see `warden keys list " + agent + "`), not the "
                        + "whole key: a secret does not belong in a command line or a URL");
            }
        }

        /** The id of the key {@code --key} names: an id or a prefix, matched against the agent's keys. */
        String keyId(Api api) {
            List<JsonNode> matches = new ArrayList<>();
            for (JsonNode listed : api.get(keysPath(agent))) {
                if (key.equals(Json.text(listed, "id")) || key.equals(Json.text(listed, "prefix"))) {
                    matches.add(listed);
                }
            }
            if (matches.size() > 1) {
                matches.removeIf(k -> !"active".equals(Json.text(k, "status")));
            }
            if (matches.size() > 1) {
                throw CliError.usage("prefix " + key + " matches " + matches.size() + " keys: pass the id");
            }
            // none: let the server answer for an id it does not know
            return matches.isEmpty() ? key : Json.text(matches.get(0), "id");
        }
    }

    /** {@code keys rotate <agent> --key <id|prefix> [--grace 24h]}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Replace a key with a new one (printed once); the old one stops now, or after the grace.")
    static final class Rotate extends OneKey {

        @Option(names = "--grace", paramLabel = "DURATION", description = "How long the old key keeps working, e.g. 24h.")
        String grace;

        @Override
        int execute() {
            if (grace != null && !DURATION.matcher(grace).matches()) {
                throw usage("--grace must be a duration such as 30s, 5m, 24h or 90d: " + grace);
            }
            refuseWholeKey();
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (grace != null) {
                body.put("grace", grace);
            }
            String id = keyId(warden().api());
            JsonNode issued = withMfa(mfa, api -> api.send("POST", keysPath(agent) + "/" + Api.path(id) + "/rotate", body));
            if (json()) {
                printJson(issued);
            } else {
                printKey(this, issued);
                out().println("The old key (" + id + ") " + (grace == null ? "no longer works."
                        : "keeps working for " + grace + "."));
            }
            return 0;
        }
    }

    /** {@code keys revoke <agent> --key <id|prefix>}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: it is refused (401 api_key_revoked) from now on.")
    static final class Revoke extends OneKey {

        @Override
        int execute() {
            refuseWholeKey();
            String id = keyId(warden().api());
            withMfa(mfa, api -> api.delete(keysPath(agent) + "/" + Api.path(id)));
            return report(Json.MAPPER.createObjectNode().put("id", id).put("revoked", true),
                    "Revoked key " + id + " of agent " + agent + ".");
        }
    }
}

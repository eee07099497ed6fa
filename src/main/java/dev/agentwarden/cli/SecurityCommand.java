package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warden security mfa|rotation|ratelimit|https|whitelist}: an agent's controls. All but the whitelist edit
 * {@code config.security} of the agent's config document: a GET, the change, a PUT with {@code If-Match}.
 */
@Command(name = "security", mixinStandardHelpOptions = true, description = "Set an agent's security controls.",
        subcommands = {SecurityCommand.Mfa.class, SecurityCommand.Rotation.class, SecurityCommand.RateLimit.class,
            SecurityCommand.Https.class, WhitelistCommand.class})
final class SecurityCommand extends Group {

    /** The operations an agent's MFA policy may protect. */
    static final List<String> MFA_OPERATIONS = List.of("update", "delete", "keys", "export", "whitelist");

    /** {@code parent.name} as an object, made when absent. */
    static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    /**
     * A change to {@code config.security} of one agent, as a read-modify-write: GET the document and its ETag,
     * {@link #edit} it, PUT it back with {@code If-Match} (412 {@code precondition_failed} when someone was faster).
     */
    abstract static class SecurityEdit extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Mixin
        MfaCode mfa;

        /** Refuses bad options before anything is sent (a usage error). */
        void check() {
        }

        /** Changes the agent's {@code security} object in place. */
        abstract void edit(ObjectNode security);

        /** What the change did, for people. */
        abstract String done();

        @Override
        int execute() {
            check();
            String path = AgentsCommand.agentPath(agent);
            JsonNode saved = withMfa(mfa, api -> {
                Api.Reply current = api.read(path);
                if (!current.body().path("config").isObject()) {
                    throw new CliError(CliError.REFUSED, "the server's answer for agent " + agent + " has no config");
                }
                ObjectNode config = (ObjectNode) current.body().path("config").deepCopy();
                edit(object(config, "security"));
                return api.with("If-Match", current.etag()).send("PUT", path, config);
            });
            return report(saved, done());
        }
    }

    /** {@code security mfa enable|disable|require}. */
    @Command(name = "mfa", mixinStandardHelpOptions = true, description = "Require a second factor for an agent's operations.",
            subcommands = {Mfa.Enable.class, Mfa.Disable.class, Mfa.Require.class})
    static final class Mfa extends Group {

        /** What enable and disable share: {@code security.mfa.enabled}, the operations left as they are. */
        abstract static class Switch extends SecurityEdit {

            /** Whether this turns MFA on. */
            abstract boolean on();

            @Override
            void edit(ObjectNode security) {
                object(security, "mfa").put("enabled", on());
            }

            @Override
            String done() {
                return "MFA " + (on() ? "enabled" : "disabled") + " for agent " + agent + ".";
            }
        }

        /** {@code security mfa enable <agent>}. */
        @Command(name = "enable", mixinStandardHelpOptions = true, description = "Turn the agent's MFA policy on.")
        static final class Enable extends Switch {

            @Override
            boolean on() {
                return true;
            }
        }

        /** {@code security mfa disable <agent>}. */
        @Command(name = "disable", mixinStandardHelpOptions = true, description = "Turn the agent's MFA policy off.")
        static final class Disable extends Switch {

            @Override
            boolean on() {
                return false;
            }
        }

        /** {@code security mfa require <agent> --operations delete,update}. */
        @Command(name = "require", mixinStandardHelpOptions = true,
                description = "Turn MFA on for these operations: update, delete, keys, export, whitelist.")
        static final class Require extends SecurityEdit {

            @Option(names = "--operations", required = true, split = ",", paramLabel = "OPERATION",
                    description = "Comma-separated: update, delete, keys, export, whitelist.")
            List<String> operations;

            @Override
            void check() {
                for (String operation : operations) {
                    if (!MFA_OPERATIONS.contains(operation)) {
                        throw usage("--operations takes " + String.join(", ", MFA_OPERATIONS) + ": not " + operation);
                    }
                }
            }

            @Override
            void edit(ObjectNode security) {
                ObjectNode policy = object(security, "mfa").put("enabled", true);
                policy.set("operations", UsersCommand.array(operations.stream().distinct().toList()));
            }

            @Override
            String done() {
                return "MFA required for " + String.join(", ", operations) + " on agent " + agent + ".";
            }
        }
    }

    /** {@code security rotation <agent> --interval 90d}. */
    @Command(name = "rotation", mixinStandardHelpOptions = true,
            description = "Refuse the agent's API keys older than an interval (401 api_key_expired).")
    static final class Rotation extends SecurityEdit {

        @Option(names = "--interval", required = true, paramLabel = "DURATION", description = "e.g. 90d.")
        String interval;

        @Override
        void check() {
            if (!KeysCommand.DURATION.matcher(interval).matches()) {
                throw usage("--interval must be a duration such as 30d or 90d: " + interval);
            }
        }

        @Override
        void edit(ObjectNode security) {
            object(security, "rotation").put("interval", interval);
        }

        @Override
        String done() {
            return "API keys of agent " + agent + " must now be rotated every " + interval + ".";
        }
    }

    /** {@code security ratelimit <agent> --requests 100 --window 1m | --disable}. */
    @Command(name = "ratelimit", mixinStandardHelpOptions = true,
            description = "Limit the requests of each caller to the agent's API (429 rate_limited), or stop limiting.")
    static final class RateLimit extends SecurityEdit {

        @Option(names = "--requests", paramLabel = "N", description = "Requests allowed per window.")
        Integer requests;

        @Option(names = "--window", paramLabel = "DURATION", description = "The window, e.g. 1m.")
        String window;

        @Option(names = "--disable", description = "Turn the limit off.")
        boolean disable;

        @Override
        void check() {
            if (disable && (requests != null || window != null)) {
                throw usage("--disable takes neither --requests nor --window");
            }
            if (!disable && (requests == null || window == null)) {
                throw usage("give --requests and --window, or --disable");
            }
            if (!disable && requests < 1) {
                throw usage("--requests must be 1 or more");
            }
            if (!disable && !KeysCommand.DURATION.matcher(window).matches()) {
                throw usage("--window must be a duration such as 30s, 1m or 1h: " + window);
            }
        }

        @Override
        void edit(ObjectNode security) {
            ObjectNode limit = object(security, "rateLimit").put("enabled", !disable);
            if (!disable) {
                limit.put("requests", requests).put("window", window);
            }
        }

        @Override
        String done() {
            return disable ? "Rate limit off for agent " + agent + "."
                    : "Agent " + agent + " now allows " + requests + " requests per " + window + " per caller.";
        }
    }

    /** {@code security https <agent> --enforce|--no-enforce [--hsts-max-age N]}. */
    @Command(name = "https", mixinStandardHelpOptions = true,
            description = "Refuse plain HTTP to the agent (403 https_required, 308 for GET), and set HSTS.")
    static final class Https extends SecurityEdit {

        @Option(names = "--enforce", negatable = true, description = "Refuse plain HTTP (--no-enforce: allow it).")
        Boolean enforce;

        @Option(names = "--hsts-max-age", paramLabel = "SECONDS",
                description = "Send Strict-Transport-Security with this max-age (e.g. 31536000).")
        Long hstsMaxAge;

        @Override
        void check() {
            if (enforce == null) {
                throw usage("give --enforce or --no-enforce");
            }
            if (hstsMaxAge != null && hstsMaxAge < 1) {
                throw usage("--hsts-max-age must be 1 or more seconds");
            }
        }

        @Override
        void edit(ObjectNode security) {
            security.put("enforceHttps", enforce);
            if (hstsMaxAge != null) {
                object(security, "hsts").put("enabled", true).put("maxAge", hstsMaxAge);
            }
        }

        @Override
        String done() {
            return "HTTPS " + (enforce ? "enforced" : "not enforced") + " for agent " + agent
                    + (hstsMaxAge == null ? "" : "; HSTS max-age " + hstsMaxAge) + ".";
        }
    }
}

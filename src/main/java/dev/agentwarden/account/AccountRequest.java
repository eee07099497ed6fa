package dev.agentwarden.account;

import dev.agentwarden.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Reads {@code POST /api/service-accounts}: {@code {"name", "permissions", "agents"?, "certificate"?}}, every
 * failure reported at once with its JSON pointer; an unknown key is a failure too.
 */
final class AccountRequest {

    /** An account's name: lowercase letters, digits and hyphens, 2 to 63 characters. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Set<String> FIELDS = Set.of("name", "permissions", "agents", "certificate");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{64}|[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){31}");
    private static final int MAX_AGENTS = 64;
    private static final int MAX_SUBJECT = 1024;

    private final List<Map<String, String>> errors = new ArrayList<>();

    private AccountRequest() {
    }

    /** The body refused: {@code errors} as {@code [{pointer, detail}]}, or the body as a whole (no pointer). */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Map<String, String>> errors;

        Invalid(String message, List<Map<String, String>> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        List<Map<String, String>> errors() {
            return errors;
        }
    }

    /** The account {@code body} asks for, its permissions expanded; {@code agentExists} says which agents exist. */
    static ServiceAccounts.NewAccount parse(byte[] body, Predicate<String> agentExists) {
        Object parsed;
        try {
            parsed = body == null || body.length == 0 ? null : Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            throw new Invalid("The body is not valid JSON", List.of());
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw new Invalid("The body is a JSON object: {\"name\", \"permissions\", \"agents\"?, \"certificate\"?}",
                    List.of());
        }
        return new AccountRequest().read(fields, agentExists);
    }

    private ServiceAccounts.NewAccount read(Map<?, ?> fields, Predicate<String> agentExists) {
        fields.keySet().stream().map(String::valueOf).filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> error("/" + k, "unknown key; allowed: name, permissions, agents, certificate"));
        String name = name(fields.get("name"));
        List<String> agents = agents(fields.get("agents"), agentExists);
        List<String> permissions = permissions(fields.get("permissions"), agents);
        String[] certificate = certificate(fields.get("certificate"));
        if (!errors.isEmpty()) {
            throw new Invalid("The service account is not valid", errors);
        }
        return new ServiceAccounts.NewAccount(name, permissions, agents, certificate[0], certificate[1]);
    }

    private String name(Object value) {
        if (value == null) {
            error("/name", "is required");
        } else if (!(value instanceof String name) || !NAME.matcher(name).matches()) {
            error("/name", "must be 2 to 63 lowercase letters, digits and hyphens, starting with a letter or digit");
        } else {
            return name;
        }
        return null;
    }

    private List<String> agents(Object value, Predicate<String> agentExists) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_AGENTS) {
            error("/agents", "must be a list of 1 to " + MAX_AGENTS + " agent names, or be left out (every agent)");
            return List.of();
        }
        Set<String> agents = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String agent) || agent.isEmpty()) {
                error("/agents/" + i, "must be an agent's name");
            } else if (!agentExists.test(agent)) {
                error("/agents/" + i, "no such agent");
            } else {
                agents.add(agent);
            }
        }
        return List.copyOf(agents);
    }

    private List<String> permissions(Object value, List<String> agents) {
        if (value == null) {
            error("/permissions", "is required");
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > AccountPermissions.MAX) {
            error("/permissions", "must be a list of 1 to " + AccountPermissions.MAX + " permissions: read, write, "
                    + "use_agent, manage, delete or Shiro strings such as agents:read:my-agent");
            return List.of();
        }
        Set<String> expanded = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                expanded.addAll(AccountPermissions.expand(list.get(i) instanceof String s ? s : null, agents));
            } catch (AccountPermissions.InvalidPermission e) {
                error("/permissions/" + i, e.getMessage());
            }
        }
        return List.copyOf(expanded);
    }

    /** {@code [subject, sha256]}, normalised (RFC 2253; lowercase hex without colons), either or both null. */
    private String[] certificate(Object value) {
        String[] none = {null, null};
        if (value == null) {
            return none;
        }
        if (!(value instanceof Map<?, ?> certificate) || certificate.size() != 1) {
            error("/certificate", "must be {\"subject\": \"CN=...\"} or {\"sha256\": \"<hex fingerprint>\"}");
            return none;
        }
        Object subject = certificate.get("subject");
        Object sha256 = certificate.get("sha256");
        if (subject instanceof String s && !s.isBlank() && s.length() <= MAX_SUBJECT) {
            try {
                return new String[] {new X500Principal(s).getName(X500Principal.RFC2253), null};
            } catch (IllegalArgumentException e) {
                error("/certificate/subject", "is not a distinguished name such as CN=billing,O=Example");
            }
        } else if (subject != null) {
            error("/certificate/subject", "must be a distinguished name of at most " + MAX_SUBJECT + " characters");
        } else if (sha256 instanceof String hex && FINGERPRINT.matcher(hex).matches()) {
            return new String[] {null, hex.replace(":", "").toLowerCase(Locale.ROOT)};
        } else if (sha256 != null) {
            error("/certificate/sha256", "must be a SHA-256 fingerprint: 64 hex digits, colons between pairs allowed");
        } else {
            String key = String.valueOf(certificate.keySet().iterator().next());
            error("/certificate/" + key, "unknown key; allowed: subject or sha256");
        }
        return none;
    }

    private void error(String pointer, String detail) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("pointer", pointer);
        error.put("detail", detail);
        errors.add(error);
    }
}

package dev.agentwarden.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.shiro.authz.permission.WildcardPermission;

/**
 * What a service account may do, as Shiro wildcard permission strings. The seed's short words ({@code read},
 * {@code write}, {@code use_agent}, {@code manage}, {@code delete}) become {@code agents:<word>:<agent>} for each agent
 * the account is for, or {@code agents:<word>:*} when it names none; anything with a colon (or {@code *}) is a Shiro
 * string, taken as written. The same expansion reads a token request's {@code scope}, which may only narrow: each
 * permission it asks for must be implied by one the account holds ({@link WildcardPermission#implies}).
 */
public final class AccountPermissions {

    /** The short permission words, as API.md's roles use them. */
    public static final Set<String> WORDS = Set.of("read", "write", "use_agent", "manage", "delete");
    /** The most permissions an account (or a scope) may name. */
    public static final int MAX = 64;
    /** The longest permission string. */
    public static final int MAX_LENGTH = 256;

    /**
     * A Shiro string: parts split by {@code :}, subparts by {@code ,}, none empty; characters an OAuth scope token may
     * hold (RFC 6749 §3.3), so that the permissions travel in {@code scope} unchanged.
     */
    private static final Pattern SHIRO = Pattern.compile("\\*|[A-Za-z0-9_.*-]+(,[A-Za-z0-9_.*-]+)*"
            + "(:[A-Za-z0-9_.*-]+(,[A-Za-z0-9_.*-]+)*)+");

    private AccountPermissions() {
    }

    /** A permission that is neither a short word nor a well-formed Shiro string; the message says why. */
    public static final class InvalidPermission extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidPermission(String message) {
            super(message);
        }
    }

    /** One permission, expanded for {@code agents} (empty: every agent). */
    public static List<String> expand(String permission, Collection<String> agents) {
        if (permission == null || permission.isEmpty()) {
            throw new InvalidPermission("must be a non-empty string");
        }
        if (permission.length() > MAX_LENGTH) {
            throw new InvalidPermission("must have at most " + MAX_LENGTH + " characters");
        }
        if (WORDS.contains(permission)) {
            if (agents.isEmpty()) {
                return List.of("agents:" + permission + ":*");
            }
            return agents.stream().map(agent -> "agents:" + permission + ":" + agent).toList();
        }
        if (!permission.contains(":") && !"*".equals(permission)) {
            throw new InvalidPermission("must be one of " + new java.util.TreeSet<>(WORDS)
                    + " or a Shiro permission such as agents:read:my-agent");
        }
        if (!SHIRO.matcher(permission).matches()) {
            throw new InvalidPermission("is not a Shiro permission: parts separated by ':', subparts by ',', none "
                    + "empty; letters, digits, _ . - and *");
        }
        return List.of(permission);
    }

    /** Every permission expanded for {@code agents}, in order, without repeats. */
    public static List<String> expandAll(Collection<String> permissions, Collection<String> agents) {
        Set<String> all = new LinkedHashSet<>();
        for (String permission : permissions) {
            all.addAll(expand(permission, agents));
        }
        return List.copyOf(all);
    }

    /** The permissions of {@code wanted} that {@code holder} does not hold (a creator may not hand out more). */
    public static List<String> notHeld(Collection<String> wanted, Predicate<String> holder) {
        return wanted.stream().filter(holder.negate()).toList();
    }

    /** Whether one of {@code held} implies {@code permission} (Shiro's wildcard rules). */
    public static boolean implies(Collection<String> held, String permission) {
        WildcardPermission wanted = new WildcardPermission(permission);
        return held.stream().anyMatch(p -> new WildcardPermission(p).implies(wanted));
    }

    /**
     * The permissions a token gets for {@code scope} (space-separated words or Shiro strings, RFC 6749 §3.3): all the
     * account holds when it is absent, else the expanded request, each of which the account must hold.
     *
     * @throws InvalidPermission when the scope is malformed, or asks for a permission the account does not hold
     */
    public static List<String> narrow(List<String> held, List<String> agents, String scope) {
        if (scope == null || scope.isBlank()) {
            return List.copyOf(held);
        }
        List<String> requested = new ArrayList<>();
        for (String token : scope.trim().split(" +")) {
            requested.add(token);
        }
        if (requested.size() > MAX) {
            throw new InvalidPermission("scope names more than " + MAX + " permissions");
        }
        List<String> expanded = expandAll(requested, agents);
        for (String permission : expanded) {
            if (!implies(held, permission)) {
                throw new InvalidPermission("scope asks for a permission the account does not hold");
            }
        }
        return expanded;
    }
}

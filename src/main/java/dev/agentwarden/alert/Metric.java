package dev.agentwarden.alert;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** What an alert counts: the security events of one kind for its agent. */
public enum Metric {

    /** Refused credentials: {@code auth.failed} (any scheme) and {@code mfa.failed}. */
    FAILED_AUTH("failed-auth", Set.of("auth.failed", "mfa.failed")),
    /** Requests over a rate limit: {@code rate_limited} (SWAIG callers, functions, the agent's {@code /api} routes). */
    RATE_LIMITED("rate-limited", Set.of("rate_limited")),
    /** Requests from outside the agent's IP whitelist: {@code ip.denied}. */
    IP_DENIED("ip-denied", Set.of("ip.denied"));

    private final String wireName;
    private final Set<String> eventTypes;

    Metric(String wireName, Set<String> eventTypes) {
        this.wireName = wireName;
        this.eventTypes = eventTypes;
    }

    /** The name in the API ({@code failed-auth}). */
    public String wireName() {
        return wireName;
    }

    /** The metric called {@code name} in the API. */
    public static Optional<Metric> of(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /** The metric an event of {@code type} counts for, or {@code null}. */
    static Metric forEvent(String type) {
        for (Metric metric : values()) {
            if (metric.eventTypes.contains(type)) {
                return metric;
            }
        }
        return null;
    }

    /** The API names, for messages. */
    static String names() {
        return String.join(", ", Arrays.stream(values()).map(Metric::wireName).toList());
    }
}

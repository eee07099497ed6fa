package dev.agentwarden.store;

import java.time.Instant;
import java.util.Map;

/**
 * One security-relevant fact: {@code auth.success}, {@code auth.failed}, {@code token.invalid},
 * {@code function.secure_call}, {@code rate_limited}, ... Never carries a secret.
 *
 * @param type   the event type
 * @param at     when it happened
 * @param agent  the agent it concerns, or {@code null}
 * @param peer   the client address, or {@code null}
 * @param fields further details (reason, call_id, function, username, key prefix, ...)
 */
public record SecurityEvent(String type, Instant at, String agent, String peer, Map<String, Object> fields) {

    public SecurityEvent {
        java.util.Objects.requireNonNull(at, "an event's time comes from the application's clock");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}

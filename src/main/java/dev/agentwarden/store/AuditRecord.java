package dev.agentwarden.store;

/**
 * One stored row of {@code audit_events}.
 *
 * @param id        the row's identity, increasing in insertion order
 * @param type      the event type ({@code auth.failed}, {@code key.created}, ...)
 * @param agent     the agent it concerns, or {@code null}
 * @param at        when it happened, epoch milliseconds UTC
 * @param peer      the client address, or {@code null}
 * @param principal who acted or tried to, or {@code null}
 * @param detail    the remaining fields as a JSON object text
 */
public record AuditRecord(long id, String type, String agent, long at, String peer, String principal, String detail) {
}

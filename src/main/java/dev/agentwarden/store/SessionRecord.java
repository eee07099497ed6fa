package dev.agentwarden.store;

/** A conversation: its agent, owner and times (epoch ms; {@code endedAt} null while open). */
public record SessionRecord(String id, String agent, String owner, String userId, long createdAt, Long endedAt) {

    static SessionRecord of(SessionEntity e) {
        return new SessionRecord(e.id, e.agent, e.owner, e.userId, e.createdAt, e.endedAt);
    }
}

package dev.agentwarden.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A conversation with an agent, owned by the principal that opened it. */
@Entity
@Table(name = "chat_sessions")
public class SessionEntity {

    @Id
    @Column(length = 36)
    String id;

    @Column(nullable = false, length = 64)
    String agent;

    /** The principal that created it (user name, {@code apikey:<id>}, ...). */
    @Column(nullable = false, length = 128)
    String owner;

    @Column(name = "user_id", length = 128)
    String userId;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "ended_at")
    Long endedAt;
}

package dev.agentwarden.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One turn of a session's history. */
@Entity
@Table(name = "chat_messages")
@NamedQuery(name = "Message.history", query = "SELECT m FROM MessageEntity m WHERE m.sessionId = :session ORDER BY m.position")
public class MessageEntity {

    @Id
    @Column(length = 36)
    String id;

    @Column(name = "session_id", nullable = false, length = 36)
    String sessionId;

    /** {@code user} or {@code assistant}. */
    /** The turn's place in its session, from 0; unique per session, so concurrent writers cannot interleave. */
    @Column(nullable = false)
    int position;

    @Column(nullable = false, length = 16)
    String role;

    @Column(nullable = false, length = 8192)
    String content;

    @Column(nullable = false)
    long at;
}

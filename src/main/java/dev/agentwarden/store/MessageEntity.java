package dev.agentwarden.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One turn of a session's history. */
@Entity
@Table(name = "chat_messages")
@NamedQuery(name = "Message.history", query = "SELECT m FROM MessageEntity m WHERE m.sessionId = :session ORDER BY m.id")
public class MessageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "session_id", nullable = false, length = 36)
    String sessionId;

    /** {@code user} or {@code assistant}. */
    @Column(nullable = false, length = 16)
    String role;

    @Column(nullable = false, length = 8192)
    String content;

    @Column(nullable = false)
    long at;
}

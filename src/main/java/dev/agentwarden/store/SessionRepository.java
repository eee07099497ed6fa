package dev.agentwarden.store;

import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** Conversations and their history. */
@ApplicationScoped
public class SessionRepository {

    /** The hot-path writes, in JDBC (see {@link Database#inJdbcTransaction}); the columns of the entities. */
    private static final String INSERT_SESSION =
            "INSERT INTO chat_sessions (id, agent, owner, user_id, created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_MESSAGE =
            "INSERT INTO chat_messages (id, session_id, position, role, content, at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String COUNT_MESSAGES = "SELECT COUNT(*) FROM chat_messages WHERE session_id = ?";

    private Database database;
    private Clock clock;

    @Inject
    public SessionRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected SessionRepository() {
    }

    public SessionRecord create(String agent, String owner, String userId) {
        return database.inTransaction(em -> SessionRecord.of(persist(em, agent, owner, userId)));
    }

    public Optional<SessionRecord> find(String agent, String id) {
        return database.read(em -> Optional.ofNullable(em.find(SessionEntity.class, id))
                .filter(s -> s.agent.equals(agent)).map(SessionRecord::of));
    }

    public List<MessageRecord> history(String id) {
        return database.read(em -> em.createNamedQuery("Message.history", MessageEntity.class)
                .setParameter("session", id).getResultList().stream().map(MessageRecord::of).toList());
    }

    /** Appends a question and its answer in one transaction. */
    public void appendExchange(String sessionId, String question, String answer) {
        database.inJdbcTransaction(connection -> {
            int next;
            try (PreparedStatement count = connection.prepareStatement(COUNT_MESSAGES)) {
                count.setString(1, sessionId);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    next = rows.getInt(1);
                }
            }
            insertExchange(connection, sessionId, next, question, answer, clock.millis());
            return null;
        });
    }

    /** Creates a session and stores its first exchange in one transaction. */
    public SessionRecord createWithExchange(String agent, String owner, String question, String answer) {
        SessionRecord session = new SessionRecord(Ids.next(), agent, owner, null, clock.millis(), null);
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_SESSION)) {
                insert.setString(1, session.id());
                insert.setString(2, agent);
                insert.setString(3, owner);
                insert.setNull(4, Types.VARCHAR);
                insert.setLong(5, session.createdAt());
                insert.executeUpdate();
            }
            insertExchange(connection, session.id(), 0, question, answer, session.createdAt());
            return session;
        });
    }

    /** The question at {@code position} and the answer after it, in one batch. */
    private static void insertExchange(Connection connection, String sessionId, int position, String question,
            String answer, long at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
            bindMessage(insert, sessionId, position, "user", question, at);
            insert.addBatch();
            bindMessage(insert, sessionId, position + 1, "assistant", answer, at);
            insert.addBatch();
            insert.executeBatch();
        }
    }

    private static void bindMessage(PreparedStatement insert, String sessionId, int position, String role,
            String content, long at) throws SQLException {
        insert.setString(1, Ids.next());
        insert.setString(2, sessionId);
        insert.setInt(3, position);
        insert.setString(4, role);
        insert.setString(5, content);
        insert.setLong(6, at);
    }

    /** Ends a session; false when it was not open. */
    public boolean end(String id) {
        return database.inTransaction(em -> {
            SessionEntity session = em.find(SessionEntity.class, id);
            if (session == null || session.endedAt != null) {
                return false;
            }
            session.endedAt = clock.millis();
            return true;
        });
    }

    private SessionEntity persist(EntityManager em, String agent, String owner, String userId) {
        SessionEntity session = new SessionEntity();
        session.id = Ids.next();
        session.agent = agent;
        session.owner = owner;
        session.userId = userId;
        session.createdAt = clock.millis();
        em.persist(session);
        return session;
    }
}

package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Conversations and their history. */
@ApplicationScoped
public class SessionRepository {

    private Database database;

    @Inject
    public SessionRepository(Database database) {
        this.database = database;
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
        database.inTransaction(em -> {
            long now = System.currentTimeMillis();
            int next = em.createQuery("SELECT COUNT(m) FROM MessageEntity m WHERE m.sessionId = :session", Long.class)
                    .setParameter("session", sessionId).getSingleResult().intValue();
            persistMessage(em, sessionId, next, "user", question, now);
            persistMessage(em, sessionId, next + 1, "assistant", answer, now);
            return null;
        });
    }

    /** Creates a session and stores its first exchange in one transaction. */
    public SessionRecord createWithExchange(String agent, String owner, String question, String answer) {
        return database.inTransaction(em -> {
            SessionEntity session = persist(em, agent, owner, null);
            long now = System.currentTimeMillis();
            em.flush();
            persistMessage(em, session.id, 0, "user", question, now);
            persistMessage(em, session.id, 1, "assistant", answer, now);
            return SessionRecord.of(session);
        });
    }

    /** Ends a session; false when it was not open. */
    public boolean end(String id) {
        return database.inTransaction(em -> {
            SessionEntity session = em.find(SessionEntity.class, id);
            if (session == null || session.endedAt != null) {
                return false;
            }
            session.endedAt = System.currentTimeMillis();
            return true;
        });
    }

    private static SessionEntity persist(EntityManager em, String agent, String owner, String userId) {
        SessionEntity session = new SessionEntity();
        session.id = Ids.next();
        session.agent = agent;
        session.owner = owner;
        session.userId = userId;
        session.createdAt = System.currentTimeMillis();
        em.persist(session);
        return session;
    }

    private static void persistMessage(EntityManager em, String sessionId, int position, String role, String content,
            long at) {
        MessageEntity message = new MessageEntity();
        message.id = Ids.next();
        message.position = position;
        message.sessionId = sessionId;
        message.role = role;
        message.content = content;
        message.at = at;
        em.persist(message);
    }
}

package dev.agentwarden.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The console sessions of one node, in memory: a restart signs everyone out. */
@ApplicationScoped
public class InMemoryConsoleSessionStore implements ConsoleSessionStore {

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(String key, ConsoleSession session) {
        sessions.put(key, session);
    }

    @Override
    public Optional<ConsoleSession> get(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void remove(String key) {
        sessions.remove(key);
    }

    @Override
    public void removeIf(Predicate<ConsoleSession> expired) {
        sessions.values().removeIf(expired);
    }
}

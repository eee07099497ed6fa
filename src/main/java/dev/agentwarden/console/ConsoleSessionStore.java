package dev.agentwarden.console;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where console sessions live, keyed by the hash of their id. One node keeps them in memory
 * ({@link InMemoryConsoleSessionStore}); a cluster replaces this bean with one backed by its data grid (a CDI
 * alternative), so a session opened on one node is known on every node.
 */
public interface ConsoleSessionStore {

    /** Stores (or replaces) the session under {@code key}. */
    void put(String key, ConsoleSession session);

    /** The session under {@code key}, if any (expired or not: {@link ConsoleSessions} decides). */
    Optional<ConsoleSession> get(String key);

    /** Forgets the session under {@code key}. */
    void remove(String key);

    /** Forgets every session {@code expired} holds for. */
    void removeIf(Predicate<ConsoleSession> expired);
}

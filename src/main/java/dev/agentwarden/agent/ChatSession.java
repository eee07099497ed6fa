package dev.agentwarden.agent;

import java.util.List;

/** The conversation a message belongs to, with its history so far (the seed's {@code session.history}). */
public record ChatSession(String id, List<ChatTurn> history) {
}

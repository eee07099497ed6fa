package dev.agentwarden.agent;

import java.time.Instant;

/** One turn of a conversation's history: {@code user} or {@code assistant}, what was said, when. */
public record ChatTurn(String role, String content, Instant at) {
}

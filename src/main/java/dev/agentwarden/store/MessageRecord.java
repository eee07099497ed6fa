package dev.agentwarden.store;

/** One turn of a conversation. */
public record MessageRecord(String role, String content, long at) {

    static MessageRecord of(MessageEntity e) {
        return new MessageRecord(e.role, e.content, e.at);
    }
}

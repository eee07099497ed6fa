package dev.agentwarden.store;

import java.util.List;

/** A user or service account as the rest of the application sees it (never the hash outside {@code user}). */
public record UserRecord(String id, String username, String passwordHash, List<String> roles, String kind,
        long createdAt, boolean mfaEnabled, String mfaSecret) {

    static UserRecord of(UserEntity e) {
        return new UserRecord(e.id, e.username, e.passwordHash, List.of(e.roles.isEmpty() ? new String[0]
                : e.roles.split(",")), e.kind, e.createdAt, e.mfaEnabled, e.mfaSecret);
    }
}

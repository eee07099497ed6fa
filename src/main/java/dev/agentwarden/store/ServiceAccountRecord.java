package dev.agentwarden.store;

import java.util.List;

/**
 * One stored service account.
 *
 * @param id          its identifier
 * @param name        its unique name ({@code [a-z0-9][a-z0-9-]{1,62}}), the subject of its tokens
 * @param permissions the Shiro permission strings it holds, expanded
 * @param agents      the agents its short permission words were expanded for (empty: every agent)
 * @param certSubject the client certificate subject it is bound to (RFC 2253), or {@code null}
 * @param certSha256  the client certificate SHA-256 fingerprint it is bound to (lowercase hex), or {@code null}
 * @param createdBy   who created it
 * @param createdAt   when (epoch milliseconds)
 */
public record ServiceAccountRecord(String id, String name, List<String> permissions, List<String> agents,
        String certSubject, String certSha256, String createdBy, long createdAt) {

    public ServiceAccountRecord {
        permissions = List.copyOf(permissions);
        agents = List.copyOf(agents);
    }
}

package dev.agentwarden.store;

/**
 * One stored alert rule.
 *
 * @param id          its identifier
 * @param agent       the agent whose events it counts
 * @param metric      {@code failed-auth}, {@code rate-limited} or {@code ip-denied}
 * @param threshold   how many events within the window fire it
 * @param window      the window as given ({@code 5m})
 * @param webhookUrl  where a fired alert is posted, or {@code null}
 * @param secret      the webhook secret, sealed, or {@code null} without a webhook
 * @param createdBy   who created it
 * @param createdAt   when (epoch milliseconds)
 * @param lastFiredAt when it last fired (epoch milliseconds), or {@code null}
 */
public record AlertRecord(String id, String agent, String metric, int threshold, String window, String webhookUrl,
        String secret, String createdBy, long createdAt, Long lastFiredAt) {
}

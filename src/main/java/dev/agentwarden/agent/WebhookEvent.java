package dev.agentwarden.agent;

import java.util.List;
import java.util.Map;

/**
 * A webhook whose signature was verified, as {@link AgentBase#onWebhook} receives it.
 *
 * @param id      the {@code webhook-id} (Standard Webhooks), or {@code null} for the seed's bare signature
 * @param headers the request headers, names in lower case
 * @param body    the exact bytes that were signed
 * @param json    the body parsed as JSON (maps, lists, strings, numbers, booleans), or {@code null} when it is not JSON
 */
public record WebhookEvent(String id, Map<String, List<String>> headers, byte[] body, Object json) {

    public WebhookEvent {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}

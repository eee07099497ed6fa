package dev.agentwarden.alert;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.json.Json;
import dev.agentwarden.store.AlertRecord;
import dev.agentwarden.store.AlertRepository;
import dev.agentwarden.store.StoreUnavailableException;
import dev.agentwarden.webhook.StandardWebhooks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Delivers fired alerts off the request thread: records the firing in the store, then POSTs the event to the alert's
 * {@code webhook_url}, signed as Standard Webhooks with the alert's secret ({@code webhook-id} the same on every
 * attempt, {@code webhook-timestamp} and signature those of the attempt). A non-2xx answer, a refused address or a
 * network error is retried after each of {@code warden.alert.retry-delays-millis} (default 5 s, 30 s, 2 min, 10 min);
 * the outcome is audited: {@code alert.delivered} or {@code alert.delivery_failed} (never the secret, never the
 * receiver's body).
 */
@ApplicationScoped
public class AlertDelivery {

    private static final Logger LOG = Logger.getLogger(AlertDelivery.class.getName());
    private static final List<Long> DEFAULT_RETRY_DELAYS = List.of(5_000L, 30_000L, 120_000L, 600_000L);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AlertRepository repository;
    private WebhookTargets targets;
    private SecurityLog securityLog;
    private Clock clock;
    private List<Long> retryDelays;
    private volatile HttpClient client;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    public AlertDelivery(AlertRepository repository, WebhookTargets targets, SecurityLog securityLog, Clock clock,
            Config config) {
        this.repository = repository;
        this.targets = targets;
        this.securityLog = securityLog;
        this.clock = clock;
        this.retryDelays = config.getOptionalValues("warden.alert.retry-delays-millis", Long.class)
                .orElse(DEFAULT_RETRY_DELAYS);
        if (retryDelays.stream().anyMatch(d -> d < 1)) {
            throw new IllegalStateException("warden.alert.retry-delays-millis must be positive: " + retryDelays);
        }
    }

    /** For CDI proxies only. */
    protected AlertDelivery() {
    }

    /** One delivery: what is posted, where, and with which secret. */
    record Message(String alertId, String agent, URI url, String secret, String webhookId, byte[] body) {
    }

    /** Takes a fired alert: returns at once, the work happens on the container's managed executor. */
    void fired(AlertRecord alert, Instant at, String secret) {
        Message message = alert.webhookUrl() == null ? null : new Message(alert.id(), alert.agent(),
                URI.create(alert.webhookUrl()), secret, "msg_" + token(), body(alert, at));
        scheduler.execute(() -> {
            remember(alert.id(), at);
            if (message != null) {
                attempt(message, 0);
            }
        });
    }

    /** The event's JSON, as Standard Webhooks suggests: {@code type}, {@code timestamp}, {@code data}. */
    static byte[] body(AlertRecord alert, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert_id", alert.id());
        data.put("agent", alert.agent());
        data.put("metric", alert.metric());
        data.put("threshold", alert.threshold());
        data.put("window", alert.window());
        data.put("fired_at", at.toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "alert.fired");
        event.put("timestamp", at.toString());
        event.put("data", data);
        return Json.writeBytes(event);
    }

    private void remember(String alertId, Instant at) {
        try {
            repository.fired(alertId, at.toEpochMilli());
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "Alert " + alertId + ": its firing time could not be stored: " + e.getMessage());
        }
    }

    /**
     * One attempt: the request is sent asynchronously (the HTTP client's own threads wait for the receiver, never the
     * container's scheduler, which the audit writer shares); its outcome comes back to the managed scheduler.
     */
    private void attempt(Message message, int attempt) {
        HttpRequest request;
        try {
            targets.check(message.url().toString());
            long timestamp = clock.instant().getEpochSecond();
            String signature = new StandardWebhooks(clock, List.of(message.secret()))
                    .sign(message.webhookId(), timestamp, message.body());
            request = HttpRequest.newBuilder(message.url()).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "agent-warden-alerts")
                    .header(StandardWebhooks.HEADER_ID, message.webhookId())
                    .header(StandardWebhooks.HEADER_TIMESTAMP, Long.toString(timestamp))
                    .header(StandardWebhooks.HEADER_SIGNATURE, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build();
        } catch (WebhookTargets.Refused e) {
            failed(message, attempt, "address refused: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alert " + message.alertId() + ": delivery failed", e);
            failed(message, attempt, "error: " + e.getClass().getSimpleName());
            return;
        }
        client().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) ->
                scheduler.execute(() -> {
                    if (error != null) {
                        failed(message, attempt, "network error: " + rootCause(error).getClass().getSimpleName());
                    } else if (response.statusCode() / 100 == 2) {
                        outcome("alert.delivered", message, attempt, Map.of("status", response.statusCode()));
                    } else {
                        failed(message, attempt, "status " + response.statusCode());
                    }
                }));
    }

    /** A failed attempt: retried after the next delay, or audited as failed after the last one. */
    private void failed(Message message, int attempt, String failure) {
        if (attempt < retryDelays.size()) {
            long delay = retryDelays.get(attempt);
            LOG.fine(() -> "Alert " + message.alertId() + ": attempt " + (attempt + 1) + " failed (" + failure
                    + "), retrying in " + delay + " ms");
            scheduler.schedule(() -> attempt(message, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } else {
            outcome("alert.delivery_failed", message, attempt, Map.of("reason", failure));
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void outcome(String type, Message message, int attempt, Map<String, Object> more) {
        Map<String, Object> fields = new LinkedHashMap<>(more);
        fields.put("alert_id", message.alertId());
        fields.put("webhook_id", message.webhookId());
        fields.put("attempts", attempt + 1);
        securityLog.record(type, message.agent(), null, fields);
    }

    /**
     * One client for every delivery; redirects are never followed. It runs on its own threads: handing it the
     * container's scheduler would make a synchronous wait on the scheduler deadlock it, and a slow receiver delay the
     * audit writer.
     */
    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                current = client;
            }
        }
        return current;
    }

    private static String token() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

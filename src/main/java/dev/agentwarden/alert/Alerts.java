package dev.agentwarden.alert;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.config.Durations;
import dev.agentwarden.config.SecretBox;
import dev.agentwarden.store.AlertRecord;
import dev.agentwarden.store.AlertRepository;
import dev.agentwarden.store.Ids;
import dev.agentwarden.store.SecurityEvent;
import dev.agentwarden.webhook.StandardWebhooks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The alert rules ({@code /api/alerts}) and their counting. Every security event passes {@link #onEvent} on the thread
 * that recorded it: a map lookup by agent and metric, then a few comparisons under the rule's own lock. Crossing a
 * threshold records {@code alert.fired} (audit log and security log) and hands the webhook, if any, to
 * {@link AlertDelivery}: nothing slow, and nothing that can fail, happens on the request that tripped it.
 *
 * <p>Rules are read from the store at start-up and kept in memory; one node's view (the cluster issue shares it).
 */
@ApplicationScoped
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    private AlertRepository repository;
    private SecretBox box;
    private SecurityLog securityLog;
    private AlertDelivery delivery;
    private Clock clock;
    /** Live rules by agent, then metric. */
    private final Map<String, Map<Metric, List<Alert>>> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Alert> byId = new ConcurrentHashMap<>();

    @Inject
    public Alerts(AlertRepository repository, SecretBox box, SecurityLog securityLog, AlertDelivery delivery,
            Clock clock) {
        this.repository = repository;
        this.box = box;
        this.securityLog = securityLog;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected Alerts() {
    }

    @PostConstruct
    void load() {
        for (AlertRecord stored : repository.all()) {
            Metric metric = Metric.of(stored.metric()).orElse(null);
            if (metric == null) {
                LOG.warning(() -> "Alert " + stored.id() + " has an unknown metric and is ignored: " + stored.metric());
                continue;
            }
            remember(stored, metric);
        }
    }

    /** What a new alert is made of, already validated. */
    public record NewAlert(String agent, Metric metric, int threshold, String window, String webhookUrl) {
    }

    /** A created alert and its webhook secret (shown this once), or {@code null} without a webhook. */
    public record Created(AlertRecord alert, String secret) {
    }

    /** Stores a new rule; it counts from now on. */
    public Created create(NewAlert request, String createdBy) {
        String id = Ids.next();
        String secret = request.webhookUrl() == null ? null : StandardWebhooks.newSecret();
        AlertRecord record = new AlertRecord(id, request.agent(), request.metric().wireName(), request.threshold(),
                request.window(), request.webhookUrl(), secret == null ? null : box.sealString(secret, id), createdBy,
                clock.millis(), null);
        repository.insert(record);
        remember(record, request.metric());
        return new Created(record, secret);
    }

    /** Every rule, oldest first. */
    public List<AlertRecord> all() {
        List<AlertRecord> all = new ArrayList<>();
        byId.values().forEach(alert -> all.add(withLastFired(alert)));
        all.sort(Comparator.comparingLong(AlertRecord::createdAt).thenComparing(AlertRecord::id));
        return all;
    }

    public Optional<AlertRecord> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(Alerts::withLastFired);
    }

    /** Deletes the rule; false when there is none. */
    public boolean delete(String id) {
        boolean deleted = repository.delete(id);
        Alert alert = byId.remove(id);
        if (alert != null) {
            byAgent.getOrDefault(alert.agent(), Map.of()).getOrDefault(alert.metric(), List.of()).remove(alert);
        }
        return deleted || alert != null;
    }

    /** Counts every security event for the rules of its agent; never throws into the code that recorded it. */
    void onEvent(@Observes SecurityEvent event) {
        if (event.agent() == null) {
            return;
        }
        Metric metric = Metric.forEvent(event.type());
        if (metric == null) {
            return;
        }
        List<Alert> rules = byAgent.getOrDefault(event.agent(), Map.of()).get(metric);
        if (rules == null || rules.isEmpty()) {
            return;
        }
        for (Alert alert : rules) {
            try {
                if (alert.window().record(event.at().toEpochMilli())) {
                    fire(alert, event.at());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Alert " + alert.id() + " could not fire", e);
            }
        }
    }

    private void fire(Alert alert, Instant at) {
        AlertRecord rule = alert.record();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("alert_id", rule.id());
        fields.put("metric", rule.metric());
        fields.put("threshold", rule.threshold());
        fields.put("window", rule.window());
        fields.put("webhook", rule.webhookUrl() != null);
        securityLog.record("alert.fired", rule.agent(), null, fields);
        delivery.fired(rule, at, rule.secret() == null ? null : box.openString(rule.secret(), rule.id()));
    }

    private void remember(AlertRecord record, Metric metric) {
        Alert alert = new Alert(record, metric, new AlertWindow(record.threshold(),
                Durations.parse(record.window()).toMillis(), record.lastFiredAt()));
        byId.put(record.id(), alert);
        byAgent.computeIfAbsent(record.agent(), a -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, m -> new CopyOnWriteArrayList<>()).add(alert);
    }

    private static AlertRecord withLastFired(Alert alert) {
        AlertRecord r = alert.record();
        return new AlertRecord(r.id(), r.agent(), r.metric(), r.threshold(), r.window(), r.webhookUrl(), r.secret(),
                r.createdBy(), r.createdAt(), alert.window().lastFired());
    }
}

package dev.agentwarden.webhook;

import dev.agentwarden.config.SecretBox;
import dev.agentwarden.store.WebhookRepository;
import dev.agentwarden.store.WebhookSecretRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Agents' webhook secrets: made here ({@code whsec_…}, shown once), stored sealed with {@code WARDEN_SECRETS_KEY}
 * (AES-GCM, bound to the agent's name), rotated with a grace during which the previous one still verifies.
 */
@ApplicationScoped
public class WebhookSecrets {

    private WebhookRepository repository;
    private SecretBox box;
    private Clock clock;

    @Inject
    public WebhookSecrets(WebhookRepository repository, SecretBox box, Clock clock) {
        this.repository = repository;
        this.box = box;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected WebhookSecrets() {
    }

    /** A new secret for {@code agent}, returned this once; the previous one stays valid for {@code grace}. */
    public String rotate(String agent, Duration grace) {
        String secret = StandardWebhooks.newSecret();
        long now = clock.millis();
        WebhookSecretRecord old = repository.secret(agent).orElse(null);
        boolean keepOld = old != null && !grace.isZero();
        repository.save(new WebhookSecretRecord(agent, box.sealString(secret, agent),
                keepOld ? old.secret() : null, keepOld ? now + grace.toMillis() : null), now);
        return secret;
    }

    /** The secrets that verify now: the current one, then the previous one while its grace lasts; empty when none. */
    public List<String> valid(String agent) {
        WebhookSecretRecord record = repository.secret(agent).orElse(null);
        List<String> secrets = new ArrayList<>(2);
        if (record == null) {
            return secrets;
        }
        secrets.add(box.openString(record.secret(), agent));
        if (record.previous() != null && record.previousUntil() != null && clock.millis() < record.previousUntil()) {
            secrets.add(box.openString(record.previous(), agent));
        }
        return secrets;
    }

    /** Records a webhook id; false when it was accepted before (kept twice the timestamp tolerance). */
    public boolean firstDelivery(String agent, String id) {
        long now = clock.millis();
        return repository.firstDelivery(agent, id, now, now - 2 * StandardWebhooks.TOLERANCE_SECONDS * 1000);
    }
}

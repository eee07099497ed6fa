-- Version 3: webhooks into agents. Each agent's signing secret, sealed with WARDEN_SECRETS_KEY (AES-GCM), and the
-- previous one while its rotation grace lasts; the webhook ids already accepted, so a replay is refused (durable).
CREATE TABLE webhook_secrets (
    agent           VARCHAR(64)  PRIMARY KEY,
    secret          VARCHAR(512) NOT NULL,
    previous        VARCHAR(512),
    previous_until  BIGINT,
    created_at      BIGINT       NOT NULL
);

CREATE TABLE webhook_deliveries (
    agent       VARCHAR(64)  NOT NULL,
    id          VARCHAR(255) NOT NULL,
    seen_at     BIGINT       NOT NULL,
    PRIMARY KEY (agent, id)
);
CREATE INDEX webhook_deliveries_seen_at ON webhook_deliveries (seen_at);

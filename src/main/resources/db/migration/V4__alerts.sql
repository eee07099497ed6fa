-- Version 4: alerts (API.md §2, POST/GET/DELETE /api/alerts). A rule counts one metric of one agent over a window;
-- its webhook secret (whsec_…) is sealed with WARDEN_SECRETS_KEY, bound to the alert's id. last_fired_at keeps the
-- "at most once per window" promise across restarts.
CREATE TABLE alerts (
    id              VARCHAR(36)   PRIMARY KEY,
    agent           VARCHAR(64)   NOT NULL,
    metric          VARCHAR(32)   NOT NULL,
    threshold       INTEGER       NOT NULL,
    window_text     VARCHAR(16)   NOT NULL,
    webhook_url     VARCHAR(2048),
    secret          VARCHAR(512),
    created_by      VARCHAR(128)  NOT NULL,
    created_at      BIGINT        NOT NULL,
    last_fired_at   BIGINT
);
CREATE INDEX alerts_agent ON alerts (agent);

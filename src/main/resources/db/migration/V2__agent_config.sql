-- Version 2: each agent's config document (API.md §2), versioned for If-Match, and whether the agent is enabled.
-- A row exists once an agent's config was changed or the agent was deleted; no row = defaults, enabled.
CREATE TABLE agent_configs (
    agent       VARCHAR(64)      PRIMARY KEY,
    config      VARCHAR(1000000) NOT NULL,
    version     BIGINT           NOT NULL,
    updated_at  BIGINT           NOT NULL,
    enabled     BOOLEAN          NOT NULL
);

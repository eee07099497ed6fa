-- Version 6: service accounts (API.md §2, /api/service-accounts) and their client credentials. An account holds Shiro
-- permission strings (space-separated: a permission may contain commas), the agents its short permission words were
-- expanded for (comma-separated), and optionally the client certificate it is bound to (subject or SHA-256). A
-- credential is a client_id and the SHA-256 (hex) of its 256-bit random secret; revoking one deletes its row, and
-- deleting an account deletes its credentials in the same transaction. Names are unique across users and accounts
-- (checked by the application: the two tables are kept apart).
CREATE TABLE service_accounts (
    id            VARCHAR(36)   PRIMARY KEY,
    name          VARCHAR(64)   NOT NULL UNIQUE,
    permissions   VARCHAR(4096) NOT NULL,
    agents        VARCHAR(4096) NOT NULL,
    cert_subject  VARCHAR(1024),
    cert_sha256   VARCHAR(64),
    created_by    VARCHAR(128)  NOT NULL,
    created_at    BIGINT        NOT NULL
);

CREATE TABLE service_account_credentials (
    client_id     VARCHAR(64)   PRIMARY KEY,
    account_id    VARCHAR(36)   NOT NULL REFERENCES service_accounts (id) ON DELETE CASCADE,
    secret_hash   VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX service_account_credentials_account ON service_account_credentials (account_id);

-- Version 7: people who sign in through an OpenID provider, linked by (issuer, subject) — never by e-mail alone.
CREATE TABLE user_identities (
    issuer      VARCHAR(512) NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    user_id     VARCHAR(36)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (issuer, subject)
);

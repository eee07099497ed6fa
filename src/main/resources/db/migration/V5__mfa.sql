-- Version 5: MFA (TOTP). users.mfa_secret holds the sealed TOTP seed (AES-GCM, WARDEN_SECRETS_KEY, bound to the user
-- id): pending while mfa_enabled is false, active once confirmed. mfa_last_step is the last TOTP time step accepted
-- (a code is accepted once, across restarts and nodes: the check is one conditional UPDATE). Recovery codes are
-- stored as SHA-256 of the user id and the code; a used one keeps its row with used_at.
ALTER TABLE users ADD COLUMN mfa_last_step BIGINT;

CREATE TABLE mfa_recovery_codes (
    user_id     VARCHAR(36)  NOT NULL,
    code_hash   VARCHAR(64)  NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

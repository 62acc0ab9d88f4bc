-- Accounts, profiles, logins (refresh-token families) and failure throttling.

CREATE TABLE account (
    id                 uuid        PRIMARY KEY,
    email              text        NOT NULL,
    name               text        NOT NULL,
    password_hash      text        NOT NULL,
    plan               text        NOT NULL CHECK (plan IN ('BASIC', 'STANDARD', 'PREMIUM')),
    admin              boolean     NOT NULL DEFAULT false,
    disabled           boolean     NOT NULL DEFAULT false,
    disabled_at        timestamptz,
    -- Access tokens issued before this instant are refused (logout-all, password change, disabling).
    tokens_valid_after timestamptz NOT NULL DEFAULT '1970-01-01T00:00:00Z',
    created_at         timestamptz NOT NULL DEFAULT now()
);
-- Emails are stored lower-cased; one account per address.
CREATE UNIQUE INDEX account_email_key ON account (email);
CREATE INDEX account_revocations_idx ON account (tokens_valid_after) WHERE tokens_valid_after > '1970-01-01T00:00:00Z';

CREATE TABLE profile (
    id             uuid        PRIMARY KEY,
    account_id     uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name           text        NOT NULL,
    maturity_level integer     NOT NULL CHECK (maturity_level IN (0, 7, 13, 16, 18)),
    pin_hash       text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_account_idx ON profile (account_id, created_at);

-- One row per login: every refresh token descended from that login belongs to it.
CREATE TABLE login_session (
    id          uuid        PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX login_session_account_idx ON login_session (account_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_token (
    token_hash  bytea       PRIMARY KEY,
    session_id  uuid        NOT NULL REFERENCES login_session (id) ON DELETE CASCADE,
    profile_id  uuid        REFERENCES profile (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL,
    rotated_at  timestamptz
);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

-- Failure counters shared by every instance: failed logins per (address, email) and per address, wrong PINs.
CREATE TABLE failure_throttle (
    key             text        PRIMARY KEY,
    failures        integer     NOT NULL,
    window_started  timestamptz NOT NULL
);

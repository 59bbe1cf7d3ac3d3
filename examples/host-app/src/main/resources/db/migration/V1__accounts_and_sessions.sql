-- The host's own users and sessions, in Flyway's defaults (db/migration, flyway_schema_history).
-- The table names are the ones Invitekit 0.1 used on purpose: Invitekit's are prefixed now
-- (invitekit_accounts, invitekit_sessions, ...), so both live in one schema.
CREATE TABLE accounts (
    id             uuid                     NOT NULL,
    email          varchar(254)             NOT NULL,
    name           varchar(200)             NOT NULL,
    password_hash  varchar(200)             NOT NULL,
    email_verified boolean                  NOT NULL DEFAULT FALSE,
    is_admin       boolean                  NOT NULL DEFAULT FALSE,
    created_at     timestamp with time zone NOT NULL,
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT uq_accounts_email UNIQUE (email)
);

CREATE TABLE sessions (
    token_digest varchar(64)              NOT NULL,
    account_id   uuid                     NOT NULL,
    created_at   timestamp with time zone NOT NULL,
    expires_at   timestamp with time zone NOT NULL,
    CONSTRAINT pk_sessions PRIMARY KEY (token_digest),
    CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
CREATE INDEX ix_sessions_account ON sessions (account_id);

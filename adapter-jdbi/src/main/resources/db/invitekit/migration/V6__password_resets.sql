-- Password-reset tokens (issue 12): only the SHA-256 digest of a token is kept. A token works
-- once, before expires_at; used_at is set when it is used or when a newer request or a reset of
-- the same account supersedes it.
CREATE TABLE ${prefix}password_resets (
    id            uuid                     NOT NULL,
    user_id       uuid                     NOT NULL,
    token_digest  varchar(64)              NOT NULL,
    created_at    timestamp with time zone NOT NULL,
    expires_at    timestamp with time zone NOT NULL,
    used_at       timestamp with time zone,
    CONSTRAINT ${prefix}pk_password_resets PRIMARY KEY (id),
    CONSTRAINT ${prefix}uq_password_resets_digest UNIQUE (token_digest)
);
CREATE INDEX ${prefix}ix_password_resets_user ON ${prefix}password_resets (user_id, used_at);

-- A host application's own schema (BesideTheHost): tables named like Invitekit 0.1's, some of
-- their columns, constraints and indexes named like Invitekit 0.1's, and a script named like
-- Invitekit 0.1's first migration, all in Flyway's default history table and location.
CREATE TABLE accounts (
    id             bigint       NOT NULL,
    email          varchar(200) NOT NULL,
    password_hash  varchar(200) NOT NULL,
    display_name   varchar(200),
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT uq_accounts_email UNIQUE (email)
);
CREATE INDEX ix_accounts_platform_role ON accounts (display_name);

CREATE TABLE sessions (
    token       varchar(64) NOT NULL,
    account_id  bigint      NOT NULL,
    expires_at  timestamp   NOT NULL,
    CONSTRAINT pk_sessions PRIMARY KEY (token),
    CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_sessions_user ON sessions (account_id);

CREATE TABLE tenants (
    code   varchar(20)  NOT NULL,
    title  varchar(200) NOT NULL,
    CONSTRAINT pk_tenants PRIMARY KEY (code),
    CONSTRAINT ck_tenants_member_count CHECK (char_length(title) > 0)
);

INSERT INTO accounts (id, email, password_hash, display_name) VALUES (1, 'ada@host.test', 'host-hash-1', 'Ada');
INSERT INTO accounts (id, email, password_hash, display_name) VALUES (2, 'bob@host.test', 'host-hash-2', NULL);
INSERT INTO sessions (token, account_id, expires_at) VALUES ('host-session-1', 1, TIMESTAMP '2031-01-01 10:00:00');
INSERT INTO tenants (code, title) VALUES ('acme', 'Acme');
INSERT INTO tenants (code, title) VALUES ('globex', 'Globex');

-- The Invitekit schema. One set of migrations for H2 (MODE=PostgreSQL) and PostgreSQL 15, so it
-- keeps to what both accept: "timestamp with time zone" (H2 refuses timestamptz), no partial
-- indexes, no arrays. Where PostgreSQL would use a partial unique index, a nullable "key" column
-- under a plain unique index does the same job (NULLs never collide).
--
-- Every invariant that several server processes must agree on is a constraint here, not a check
-- in Java. User ids carry no foreign key: an embedder may keep accounts in its own user store.

CREATE TABLE accounts (
    id             uuid                     NOT NULL,
    email          varchar(254)             NOT NULL, -- canonical: trimmed, lower case
    password_hash  varchar(1024)            NOT NULL,
    first_name     varchar(400)             NOT NULL,
    last_name      varchar(400)             NOT NULL,
    platform_role  varchar(32)              NOT NULL,
    created_at     timestamp with time zone NOT NULL,
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT uq_accounts_email UNIQUE (email)
);
CREATE INDEX ix_accounts_platform_role ON accounts (platform_role);

CREATE TABLE sessions (
    id                  uuid                     NOT NULL,
    user_id             uuid                     NOT NULL,
    access_digest       varchar(64)              NOT NULL,
    refresh_digest      varchar(64)              NOT NULL,
    created_at          timestamp with time zone NOT NULL,
    access_expires_at   timestamp with time zone NOT NULL,
    refresh_expires_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_sessions PRIMARY KEY (id),
    CONSTRAINT uq_sessions_access_digest UNIQUE (access_digest),
    CONSTRAINT uq_sessions_refresh_digest UNIQUE (refresh_digest)
);
CREATE INDEX ix_sessions_user ON sessions (user_id);

CREATE TABLE tenants (
    id                    uuid                     NOT NULL,
    name                  varchar(400)             NOT NULL,
    subdomain             varchar(63)              NOT NULL,
    tier                  varchar(32)              NOT NULL,
    custom_max_users      integer,
    custom_max_resources  integer,
    permissions           varchar(1000)            NOT NULL, -- comma-separated wire names
    feature_flags         varchar(4000)            NOT NULL, -- comma-separated keys
    max_users             integer,                           -- effective limits; NULL = unlimited
    max_resources         integer,
    active                boolean                  NOT NULL,
    contact_email         varchar(254),
    phone                 varchar(32),
    created_at            timestamp with time zone NOT NULL,
    member_count          integer                  NOT NULL DEFAULT 0, -- kept by memberships: the user limit is one conditional update
    CONSTRAINT pk_tenants PRIMARY KEY (id),
    CONSTRAINT uq_tenants_subdomain UNIQUE (subdomain), -- a backstop: subdomain_claims decides first
    CONSTRAINT ck_tenants_member_count CHECK (member_count >= 0)
);
CREATE INDEX ix_tenants_active ON tenants (active, id);

CREATE TABLE tenant_domains (
    domain_name  varchar(253)             NOT NULL,
    tenant_id    uuid                     NOT NULL,
    primary_of   uuid,                              -- = tenant_id for the tenant's primary domain, else NULL
    created_at   timestamp with time zone NOT NULL,
    CONSTRAINT pk_tenant_domains PRIMARY KEY (domain_name),
    CONSTRAINT fk_tenant_domains_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    CONSTRAINT uq_tenant_domains_primary UNIQUE (primary_of),
    CONSTRAINT ck_tenant_domains_primary CHECK (primary_of IS NULL OR primary_of = tenant_id)
);
CREATE INDEX ix_tenant_domains_tenant ON tenant_domains (tenant_id);

-- Who holds a subdomain: a tenant for good, or a PENDING invitation until reserved_until. One row
-- per subdomain, so one holder; a reservation at or past reserved_until counts as free and is
-- deleted by whoever takes the subdomain over.
CREATE TABLE subdomain_claims (
    subdomain       varchar(63)              NOT NULL,
    tenant_id       uuid,
    invitation_id   uuid,
    reserved_until  timestamp with time zone,
    CONSTRAINT pk_subdomain_claims PRIMARY KEY (subdomain),
    CONSTRAINT ck_subdomain_claims_holder CHECK (
        (tenant_id IS NOT NULL AND invitation_id IS NULL AND reserved_until IS NULL)
        OR (tenant_id IS NULL AND invitation_id IS NOT NULL AND reserved_until IS NOT NULL))
);
CREATE INDEX ix_subdomain_claims_invitation ON subdomain_claims (invitation_id);

CREATE TABLE memberships (
    tenant_id  uuid                     NOT NULL,
    user_id    uuid                     NOT NULL,
    role       varchar(16)              NOT NULL,
    joined_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_memberships PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT fk_memberships_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX ix_memberships_user ON memberships (user_id, joined_at);

CREATE TABLE join_codes (
    id                uuid                     NOT NULL,
    tenant_id         uuid                     NOT NULL,
    code              varchar(12)              NOT NULL, -- normalized; unique for all time
    active_tenant_id  uuid,                              -- = tenant_id while active, else NULL
    created_at        timestamp with time zone NOT NULL,
    expires_at        timestamp with time zone,
    max_uses          integer,
    uses              integer                  NOT NULL,
    CONSTRAINT pk_join_codes PRIMARY KEY (id),
    CONSTRAINT fk_join_codes_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    CONSTRAINT uq_join_codes_code UNIQUE (code),
    CONSTRAINT uq_join_codes_active_tenant UNIQUE (active_tenant_id),
    CONSTRAINT ck_join_codes_active CHECK (active_tenant_id IS NULL OR active_tenant_id = tenant_id),
    CONSTRAINT ck_join_codes_uses CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses))
);
CREATE INDEX ix_join_codes_tenant ON join_codes (tenant_id);

CREATE TABLE tenant_invitations (
    id                       uuid                     NOT NULL, -- UUIDv7: newest first = id descending
    email                    varchar(254)             NOT NULL,
    pending_email            varchar(254),                      -- = email while stored PENDING, else NULL
    lapses_at                timestamp with time zone,          -- = expires_at while stored PENDING, else NULL
    suggested_business_name  varchar(400),
    tier                     varchar(32)              NOT NULL,
    custom_max_users         integer,
    custom_max_resources     integer,
    permissions              varchar(1000)            NOT NULL,
    feature_flags            varchar(4000)            NOT NULL,
    reserved_subdomain       varchar(63),
    invited_by               uuid                     NOT NULL,
    token_digest             varchar(64)              NOT NULL, -- SHA-256 of the current token only
    status                   varchar(16)              NOT NULL, -- as stored; readers compute EXPIRED from expires_at
    ttl_days                 integer                  NOT NULL,
    created_at               timestamp with time zone NOT NULL,
    expires_at               timestamp with time zone NOT NULL,
    accepted_at              timestamp with time zone,
    cancelled_at             timestamp with time zone,
    created_tenant           uuid,
    created_user             uuid,
    resend_count             integer                  NOT NULL,
    last_sent_at             timestamp with time zone NOT NULL,
    version                  bigint                   NOT NULL,
    CONSTRAINT pk_tenant_invitations PRIMARY KEY (id),
    CONSTRAINT uq_tenant_invitations_token_digest UNIQUE (token_digest),
    CONSTRAINT uq_tenant_invitations_pending_email UNIQUE (pending_email),
    CONSTRAINT ck_tenant_invitations_pending_email CHECK (
        (status = 'PENDING' AND pending_email IS NOT NULL AND pending_email = email)
        OR (status <> 'PENDING' AND pending_email IS NULL)),
    CONSTRAINT ck_tenant_invitations_lapses_at CHECK (
        (status = 'PENDING' AND lapses_at IS NOT NULL AND lapses_at = expires_at)
        OR (status <> 'PENDING' AND lapses_at IS NULL))
);
-- The list page is the primary key read backwards; these serve its filters and the sweeper.
CREATE INDEX ix_tenant_invitations_status ON tenant_invitations (status, id);
CREATE INDEX ix_tenant_invitations_email ON tenant_invitations (email, id);
-- Only stored-PENDING rows have lapses_at, so this index (and its statistics) cover exactly the
-- rows that can be EXPIRED by the clock: the sweeper's batches and the computed part of the
-- EXPIRED filter stay cheap however many accepted, cancelled or expired rows pile up.
CREATE INDEX ix_tenant_invitations_lapses_at ON tenant_invitations (lapses_at);

CREATE TABLE outbox_messages (
    id               uuid                     NOT NULL,
    kind             varchar(64)              NOT NULL,
    recipient        varchar(254)             NOT NULL,
    data             varchar(16000)           NOT NULL, -- URL-encoded k=v&k=v, keys sorted
    secret           varchar(256),                      -- the raw token; NULL once SENT or DEAD
    aggregate_id     varchar(64),
    status           varchar(16)              NOT NULL,
    attempts         integer                  NOT NULL,
    next_attempt_at  timestamp with time zone NOT NULL,
    last_error       varchar(1000),
    created_at       timestamp with time zone NOT NULL,
    sent_at          timestamp with time zone,
    lease_owner      varchar(128),
    lease_until      timestamp with time zone,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id),
    CONSTRAINT ck_outbox_messages_secret CHECK (status = 'PENDING' OR secret IS NULL)
);
CREATE INDEX ix_outbox_messages_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX ix_outbox_messages_aggregate ON outbox_messages (aggregate_id, id);
CREATE INDEX ix_outbox_messages_status ON outbox_messages (status, id);

CREATE TABLE audit_events (
    id          uuid                     NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    actor       uuid,
    action      varchar(128)             NOT NULL,
    tenant_id   uuid,
    subject     varchar(256),
    details     varchar(16000)           NOT NULL, -- URL-encoded k=v&k=v, keys sorted
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);
CREATE INDEX ix_audit_events_tenant ON audit_events (tenant_id, id);
CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);

-- Rate-limit buckets for INVITEKIT_RATE_LIMIT_STORE=database: the table Bucket4j's PostgreSQL
-- proxy managers use by default (BucketTableSettings: table "bucket", columns id, state and
-- expires_at), with string keys (PrimaryKeyMapper.STRING). expires_at is epoch milliseconds,
-- written by Bucket4j's expiration strategy and read by its cleaner of expired buckets.
CREATE TABLE bucket (
    id          varchar(255) NOT NULL,
    state       bytea,
    expires_at  bigint,
    CONSTRAINT pk_bucket PRIMARY KEY (id)
);
CREATE INDEX ix_bucket_expires_at ON bucket (expires_at);

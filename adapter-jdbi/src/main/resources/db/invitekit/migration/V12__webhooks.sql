-- Issue 14: webhook endpoints and their deliveries. Valid on H2 (MODE=PostgreSQL) and
-- PostgreSQL 15, like V1.

-- An endpoint: tenant_id NULL for the platform's (every event). Its signing secret is kept
-- sealed (AES-256-GCM under the deployment's key): HMAC needs it back, so it cannot be a digest.
-- After a rotation the previous secret still signs until previous_secret_until.
CREATE TABLE ${prefix}webhook_endpoints (
    id                     uuid                     NOT NULL, -- UUIDv7: newest first = id descending
    tenant_id              uuid,
    url                    varchar(2000)            NOT NULL,
    event_types            varchar(4000)            NOT NULL, -- wire names, comma-separated; empty: every type
    description            varchar(500),
    enabled                boolean                  NOT NULL,
    health                 varchar(16)              NOT NULL,
    consecutive_failures   integer                  NOT NULL,
    failing_since          timestamp with time zone,
    secret_sealed          bytea                    NOT NULL,
    previous_secret_sealed bytea,
    previous_secret_until  timestamp with time zone,
    version                bigint                   NOT NULL,
    created_at             timestamp with time zone NOT NULL,
    updated_at             timestamp with time zone NOT NULL,
    CONSTRAINT ${prefix}pk_webhook_endpoints PRIMARY KEY (id),
    CONSTRAINT ${prefix}fk_webhook_endpoints_tenant FOREIGN KEY (tenant_id) REFERENCES ${prefix}tenants (id),
    CONSTRAINT ${prefix}ck_webhook_endpoints_health CHECK (health IN ('ACTIVE', 'FAILING', 'DISABLED')),
    CONSTRAINT ${prefix}ck_webhook_endpoints_failures CHECK (consecutive_failures >= 0),
    CONSTRAINT ${prefix}ck_webhook_endpoints_previous_secret CHECK (
        (previous_secret_sealed IS NULL) = (previous_secret_until IS NULL))
);
CREATE INDEX ${prefix}ix_webhook_endpoints_tenant ON ${prefix}webhook_endpoints (tenant_id, id);

-- A delivery of one event to one endpoint. event_key = event_id for deliveries the dispatcher
-- queued (fan-out), NULL for replays and tests: the unique (endpoint_id, event_key) makes a
-- fan-out idempotent, while NULLs (distinct on both databases) let replays repeat an event id.
-- A claim is a lease (lease_owner, lease_until), as in outbox_messages.
CREATE TABLE ${prefix}webhook_deliveries (
    id                uuid                     NOT NULL, -- UUIDv7: newest first = id descending
    endpoint_id       uuid                     NOT NULL,
    event_id          uuid                     NOT NULL, -- the webhook-id header
    event_key         uuid,
    event_type        varchar(100)             NOT NULL,
    payload           text                     NOT NULL, -- the JSON body; its UTF-8 bytes are signed
    status            varchar(16)              NOT NULL,
    attempts          integer                  NOT NULL,
    next_attempt_at   timestamp with time zone,          -- NULL once SUCCEEDED or FAILED
    lease_owner       varchar(100),
    lease_until       timestamp with time zone,
    last_status_code  integer,
    last_latency_ms   bigint,
    last_error        varchar(500),
    created_at        timestamp with time zone NOT NULL,
    last_attempt_at   timestamp with time zone,
    CONSTRAINT ${prefix}pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT ${prefix}fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id)
        REFERENCES ${prefix}webhook_endpoints (id) ON DELETE CASCADE,
    CONSTRAINT ${prefix}uq_webhook_deliveries_event UNIQUE (endpoint_id, event_key),
    CONSTRAINT ${prefix}ck_webhook_deliveries_status CHECK (status IN ('PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT ${prefix}ck_webhook_deliveries_next CHECK (
        (status IN ('PENDING', 'RETRYING') AND next_attempt_at IS NOT NULL)
        OR (status IN ('SUCCEEDED', 'FAILED') AND next_attempt_at IS NULL)),
    CONSTRAINT ${prefix}ck_webhook_deliveries_key CHECK (event_key IS NULL OR event_key = event_id)
);
-- The sender's due deliveries (final ones have no next_attempt_at) and each endpoint's log.
CREATE INDEX ${prefix}ix_webhook_deliveries_due ON ${prefix}webhook_deliveries (next_attempt_at);
CREATE INDEX ${prefix}ix_webhook_deliveries_endpoint ON ${prefix}webhook_deliveries (endpoint_id, id);

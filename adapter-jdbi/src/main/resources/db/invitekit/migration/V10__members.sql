-- Issue 13: members, roles and member invitations. Valid on H2 (MODE=PostgreSQL) and
-- PostgreSQL 15, like V1.

-- Seats and owners, kept on the tenant row so that each rule is one conditional UPDATE of it:
--   member_count + pending_invitations <= max_users: a join, an accept or a new invitation
--     counts one more only "WHERE member_count + pending_invitations < max_users";
--   owner_count >= 1: demoting or removing an OWNER first runs
--     "SET owner_count = owner_count - 1 WHERE owner_count > 1" (no row: the last owner).
-- The UPDATE holds the tenant row until commit, so writers of one tenant queue on it and each
-- re-reads the committed count: a count by subquery would not do under READ COMMITTED.
ALTER TABLE ${prefix}tenants ADD COLUMN pending_invitations integer NOT NULL DEFAULT 0;
ALTER TABLE ${prefix}tenants ADD COLUMN owner_count integer NOT NULL DEFAULT 0;
UPDATE ${prefix}tenants SET owner_count = (SELECT count(*) FROM ${prefix}memberships m
                                           WHERE m.tenant_id = ${prefix}tenants.id AND m.role = 'OWNER');
ALTER TABLE ${prefix}tenants ADD CONSTRAINT ${prefix}ck_tenants_pending_invitations CHECK (pending_invitations >= 0);
ALTER TABLE ${prefix}tenants ADD CONSTRAINT ${prefix}ck_tenants_owner_count CHECK (owner_count >= 0);

-- Invitations by email into an existing tenant, with a role. While stored PENDING one holds a
-- seat (counted in tenants.pending_invitations) and its email in pending_email, under a unique
-- index with the tenant: one PENDING invitation per tenant and address (emails are stored in
-- canonical form, trimmed and lower case, so the comparison is case-insensitive).
CREATE TABLE ${prefix}member_invitations (
    id             uuid                     NOT NULL, -- UUIDv7: newest first = id descending
    tenant_id      uuid                     NOT NULL,
    email          varchar(254)             NOT NULL, -- canonical: trimmed, lower case
    pending_email  varchar(254),                      -- = email while stored PENDING, else NULL
    lapses_at      timestamp with time zone,          -- = expires_at while stored PENDING, else NULL
    role           varchar(16)              NOT NULL, -- ADMIN or MEMBER
    invited_by     uuid                     NOT NULL,
    inviter_name   varchar(200),
    token_digest   varchar(64)              NOT NULL, -- SHA-256 of the current token only
    status         varchar(16)              NOT NULL, -- as stored; readers compute EXPIRED from expires_at
    ttl_days       integer                  NOT NULL,
    created_at     timestamp with time zone NOT NULL,
    expires_at     timestamp with time zone NOT NULL,
    accepted_at    timestamp with time zone,
    cancelled_at   timestamp with time zone,
    accepted_by    uuid,
    resend_count   integer                  NOT NULL,
    last_sent_at   timestamp with time zone NOT NULL,
    version        bigint                   NOT NULL,
    CONSTRAINT ${prefix}pk_member_invitations PRIMARY KEY (id),
    CONSTRAINT ${prefix}fk_member_invitations_tenant FOREIGN KEY (tenant_id) REFERENCES ${prefix}tenants (id),
    CONSTRAINT ${prefix}uq_member_invitations_token_digest UNIQUE (token_digest),
    CONSTRAINT ${prefix}uq_member_invitations_pending_email UNIQUE (tenant_id, pending_email),
    CONSTRAINT ${prefix}ck_member_invitations_role CHECK (role IN ('ADMIN', 'MEMBER')),
    CONSTRAINT ${prefix}ck_member_invitations_pending_email CHECK (
        (status = 'PENDING' AND pending_email IS NOT NULL AND pending_email = email)
        OR (status <> 'PENDING' AND pending_email IS NULL)),
    CONSTRAINT ${prefix}ck_member_invitations_lapses_at CHECK (
        (status = 'PENDING' AND lapses_at IS NOT NULL AND lapses_at = expires_at)
        OR (status <> 'PENDING' AND lapses_at IS NULL))
);
-- A tenant's list, newest first, and its status and email filters; the sweeper reads lapses_at,
-- which only stored-PENDING rows have.
CREATE INDEX ${prefix}ix_member_invitations_tenant ON ${prefix}member_invitations (tenant_id, id);
CREATE INDEX ${prefix}ix_member_invitations_tenant_status ON ${prefix}member_invitations (tenant_id, status, id);
CREATE INDEX ${prefix}ix_member_invitations_tenant_email ON ${prefix}member_invitations (tenant_id, email, id);
CREATE INDEX ${prefix}ix_member_invitations_lapses_at ON ${prefix}member_invitations (lapses_at);

-- A tenant's members are read a page at a time, oldest first: the index covers the keyset.
CREATE INDEX ${prefix}ix_memberships_tenant_page ON ${prefix}memberships (tenant_id, joined_at, user_id);

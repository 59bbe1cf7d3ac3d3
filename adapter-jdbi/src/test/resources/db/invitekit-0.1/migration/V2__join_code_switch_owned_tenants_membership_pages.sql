-- Issue 10. Valid on H2 (MODE=PostgreSQL) and PostgreSQL 15, like V1.

-- Joining by code, per tenant: on from creation; an owner or admin turns it off (the code dies and
-- none is shown or generated) until one of them rotates. Adding, using and killing a code write
-- this row first, so they queue on it (see JoinCodeSql).
ALTER TABLE tenants ADD COLUMN join_code_enabled boolean NOT NULL DEFAULT TRUE;

-- How many tenants each user owns (OWNER memberships, of active and deactivated tenants alike),
-- for INVITEKIT_MAX_TENANTS_PER_USER: creating a tenant is one conditional increment of the
-- owner's row, which holds it until commit, so concurrent creates by one user queue on it. No
-- foreign key to accounts: an embedder may keep its users elsewhere.
CREATE TABLE owned_tenant_counts (
    user_id  uuid    NOT NULL,
    owned    integer NOT NULL,
    CONSTRAINT pk_owned_tenant_counts PRIMARY KEY (user_id),
    CONSTRAINT ck_owned_tenant_counts_owned CHECK (owned >= 0)
);
INSERT INTO owned_tenant_counts (user_id, owned)
    SELECT user_id, count(*) FROM memberships WHERE role = 'OWNER' GROUP BY user_id;

-- A user's memberships are read a page at a time, oldest first (GET /api/me/memberships): the
-- index covers the whole keyset (joined_at, tenant_id), so a page costs the same however far in.
CREATE INDEX ix_memberships_user_page ON memberships (user_id, joined_at, tenant_id);
DROP INDEX ix_memberships_user;

-- Issue 10. Valid on H2 (MODE=PostgreSQL) and PostgreSQL 15, like V1.

-- Joining by code, per tenant: on from creation; an owner or admin turns it off (the code dies and
-- none is shown or generated) until one of them rotates. Adding, using and killing a code write
-- this row first, so they queue on it (see JoinCodeSql).
ALTER TABLE tenants ADD COLUMN join_code_enabled boolean NOT NULL DEFAULT TRUE;

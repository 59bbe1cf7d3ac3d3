-- One-time decisions that several server processes starting at once on one database must agree
-- on: the primary key lets exactly one transaction place a marker. 'first_admin' is placed in
-- the transaction that creates the first platform admin (AccountService.FIRST_ADMIN_MARKER).
CREATE TABLE ${prefix}bootstrap_markers (
    name       varchar(64)              NOT NULL,
    placed_at  timestamp with time zone NOT NULL,
    CONSTRAINT ${prefix}pk_bootstrap_markers PRIMARY KEY (name)
);

-- A database from before this table whose first platform admin exists already: that admin was
-- the first one, so no node starting on it may make another.
INSERT INTO ${prefix}bootstrap_markers (name, placed_at)
SELECT 'first_admin', min(created_at) FROM ${prefix}accounts WHERE platform_role = 'PLATFORM_ADMIN' HAVING count(*) > 0;

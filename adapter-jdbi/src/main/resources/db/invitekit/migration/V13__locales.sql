-- Issue 16: languages. Valid on H2 (MODE=PostgreSQL) and PostgreSQL 15, like V1.

-- The language an account chose for pages and emails (a BCP 47 primary language subtag, "de");
-- NULL: none chosen, pages follow the browser and emails the deployment's default.
ALTER TABLE ${prefix}accounts ADD COLUMN locale varchar(8);

-- The language the admin chose for a tenant invitation's email and onboarding page; NULL
-- (invitations made before this migration): the deployment's default.
ALTER TABLE ${prefix}tenant_invitations ADD COLUMN locale varchar(8);

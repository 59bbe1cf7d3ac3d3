-- Issue 16: the admin lists' search by name or email prefix, case-insensitive. Valid on H2
-- (MODE=PostgreSQL) and PostgreSQL 15, like V1, with two placeholders JdbiStorage.migrate sets
-- per database: ${search_key_collation} and ${generated_storage}.
--
-- Each searched value has a key column the database computes (lower(value)), and an index on
-- (key, id): a search is a range of that index, key >= 'abc' AND key < 'abd', walked in order and
-- stopped after one page, so its cost does not grow with the table. On PostgreSQL the keys use
-- the "C" collation (${search_key_collation}): byte order, in which every string starting with
-- 'abc' lies in that range. Under a language collation (en_US, de_DE) a btree neither serves
-- LIKE 'abc%' nor keeps such a range exact. H2 compares strings by character already.
ALTER TABLE ${prefix}tenants ADD COLUMN name_key varchar(800) ${search_key_collation}
    GENERATED ALWAYS AS (lower(name)) ${generated_storage};
ALTER TABLE ${prefix}tenants ADD COLUMN contact_key varchar(254) ${search_key_collation}
    GENERATED ALWAYS AS (lower(contact_email)) ${generated_storage};
CREATE INDEX ${prefix}ix_tenants_name_key ON ${prefix}tenants (name_key, id);
CREATE INDEX ${prefix}ix_tenants_contact_key ON ${prefix}tenants (contact_key, id);

ALTER TABLE ${prefix}tenant_invitations ADD COLUMN email_key varchar(254) ${search_key_collation}
    GENERATED ALWAYS AS (lower(email)) ${generated_storage};
ALTER TABLE ${prefix}tenant_invitations ADD COLUMN business_key varchar(800) ${search_key_collation}
    GENERATED ALWAYS AS (lower(suggested_business_name)) ${generated_storage};
CREATE INDEX ${prefix}ix_tenant_invitations_email_key ON ${prefix}tenant_invitations (email_key, id);
CREATE INDEX ${prefix}ix_tenant_invitations_business_key ON ${prefix}tenant_invitations (business_key, id);

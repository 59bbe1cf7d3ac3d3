-- Sessions you can see, and sessions for pages (issue 12 items 4 and 8). A session remembers its
-- kind (api: a bearer token pair; browser: one token in a cookie, no refresh token), when it was
-- last used (written coarsely, at most every few minutes), and the client address and user agent
-- it was opened from. Sessions made before this migration are api sessions last used when created.
ALTER TABLE ${prefix}sessions ADD COLUMN kind varchar(16) DEFAULT 'API' NOT NULL;
ALTER TABLE ${prefix}sessions ADD COLUMN last_used_at timestamp with time zone;
UPDATE ${prefix}sessions SET last_used_at = created_at;
ALTER TABLE ${prefix}sessions ALTER COLUMN last_used_at SET NOT NULL;
ALTER TABLE ${prefix}sessions ADD COLUMN client_address varchar(64);
ALTER TABLE ${prefix}sessions ADD COLUMN user_agent varchar(255);
-- A browser session has no refresh token.
ALTER TABLE ${prefix}sessions ALTER COLUMN refresh_digest DROP NOT NULL;

-- Email verification (issue 12). accounts.email_verified_at: when the account's email was shown
-- to be its owner's (a verification link, a password reset link or an invitation link was used);
-- NULL while it is not.
--
-- Accounts made before this migration never proved their address. Only two kinds count as
-- verified: platform admins (made by whoever set the deployment up) and accounts that own a
-- tenant by an accepted invitation (the invitation link reached the address). Every other one
-- stays unverified: its owner verifies by the link of a new verification email or of a password
-- reset; and an invitation to its address lets the link holder claim it. Kept this simple on
-- purpose: a guess that made a squatted account verified would lock the real owner out.
ALTER TABLE ${prefix}accounts ADD COLUMN email_verified_at timestamp with time zone;

UPDATE ${prefix}accounts SET email_verified_at = created_at
 WHERE platform_role = 'PLATFORM_ADMIN'
    OR id IN (SELECT created_user FROM ${prefix}tenant_invitations
               WHERE status = 'ACCEPTED' AND created_user IS NOT NULL);

-- Email verification tokens: only the SHA-256 digest of a token is kept. A token works once,
-- before expires_at; used_at is set when it is used or when a newer one of the same account
-- supersedes it. created_at of the newest row is the resend cooldown's start.
CREATE TABLE ${prefix}email_verifications (
    id            uuid                     NOT NULL,
    user_id       uuid                     NOT NULL,
    token_digest  varchar(64)              NOT NULL,
    created_at    timestamp with time zone NOT NULL,
    expires_at    timestamp with time zone NOT NULL,
    used_at       timestamp with time zone,
    CONSTRAINT ${prefix}pk_email_verifications PRIMARY KEY (id),
    CONSTRAINT ${prefix}uq_email_verifications_digest UNIQUE (token_digest)
);
CREATE INDEX ${prefix}ix_email_verifications_user ON ${prefix}email_verifications (user_id, created_at);

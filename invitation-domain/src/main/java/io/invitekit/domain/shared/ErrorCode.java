package io.invitekit.domain.shared;

/**
 * Stable problem codes. Adapters show them to their callers (HTTP as the constant's name in lower
 * case), so they are part of the public contract: never rename a constant, only add.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    UNAUTHENTICATED,
    INVALID_CREDENTIALS,
    FORBIDDEN,
    NOT_FOUND,
    INVITATION_PENDING_EXISTS,
    INVALID_TRANSITION,
    RESEND_TOO_SOON,
    RESEND_LIMIT_REACHED,
    INVITATION_EXPIRED,
    INVITATION_CANCELLED,
    INVITATION_ACCEPTED,
    SUBDOMAIN_TAKEN,
    INVALID_SUBDOMAIN,
    EMAIL_TAKEN,
    INVALID_CODE,
    MALFORMED_CODE,
    TENANT_FULL,
    TENANT_INACTIVE,
    RATE_LIMITED,
    TENANT_LIMIT_REACHED,
    /** A password-reset token that is unknown, used, superseded or expired: all answered alike. */
    INVALID_RESET_TOKEN,
    /** Changing one's password with a wrong current password (it counts against the log-in allowance). */
    WRONG_CURRENT_PASSWORD,
    /** A session that is not the caller's, or does not exist: answered alike. */
    SESSION_NOT_FOUND,
    /** An email verification token that is unknown, used, superseded or expired: all answered alike. */
    INVALID_VERIFICATION_TOKEN,
    /** The deployment requires a verified email for this, and the account's is not verified yet. */
    EMAIL_NOT_VERIFIED,
    /** A member invitation accepted by a signed-in user whose email is not the invitation's. */
    EMAIL_MISMATCH,
    /** The change would leave a tenant without an OWNER (the last owner leaving, demoted or removed). */
    LAST_OWNER,
    /** A tenant (or the platform) already has as many webhook endpoints as one may have. */
    WEBHOOK_LIMIT_REACHED,
    /** A search text that is blank, too long or holds control characters (the admin lists' {@code q}). */
    INVALID_SEARCH,
    /** A language the deployment offers no pages and emails in. */
    UNSUPPORTED_LOCALE
}

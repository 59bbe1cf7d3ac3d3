package io.invitekit.domain.account;

import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * An email verification token sent to an account's email: only its digest is kept. It works once
 * ({@code usedAt} is set when it is used, or when a newer one supersedes it) and only before
 * {@code expiresAt}.
 */
public record EmailVerification(
        EmailVerificationId id,
        UserId userId,
        TokenDigest digest,
        Instant createdAt,
        Instant expiresAt,
        Instant usedAt) {

    public EmailVerification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a verification token expires after it was created");
        }
    }

    /** A new, unused token. */
    public static EmailVerification issue(EmailVerificationId id, UserId userId, TokenDigest digest, Instant now,
                                      Instant expiresAt) {
        return new EmailVerification(id, userId, digest, now, expiresAt, null);
    }

    /** Whether it may still verify the email at {@code now}: unused and not expired. */
    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }
}

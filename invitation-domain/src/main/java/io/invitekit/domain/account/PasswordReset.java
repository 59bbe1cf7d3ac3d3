package io.invitekit.domain.account;

import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A password-reset token handed to the owner of an account's email: only its digest is kept. It
 * works once ({@code usedAt} is set when it is used, or when a newer request supersedes it) and
 * only before {@code expiresAt}.
 */
public record PasswordReset(
        PasswordResetId id,
        UserId userId,
        TokenDigest digest,
        Instant createdAt,
        Instant expiresAt,
        Instant usedAt) {

    public PasswordReset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a reset token expires after it was created");
        }
    }

    /** A new, unused token. */
    public static PasswordReset issue(PasswordResetId id, UserId userId, TokenDigest digest, Instant now,
                                      Instant expiresAt) {
        return new PasswordReset(id, userId, digest, now, expiresAt, null);
    }

    /** Whether it may still set a password at {@code now}: unused and not expired. */
    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }
}

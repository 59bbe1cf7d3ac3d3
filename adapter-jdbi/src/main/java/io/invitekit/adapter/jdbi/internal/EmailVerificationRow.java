package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.EmailVerification;
import io.invitekit.domain.account.EmailVerificationId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code email_verifications}: the token's digest only, never the token. */
public record EmailVerificationRow(UUID id, UUID userId, String tokenDigest, Instant createdAt, Instant expiresAt,
                               Instant usedAt) {

    static final String COLUMNS = "id, user_id, token_digest, created_at, expires_at, used_at";

    public static EmailVerificationRow of(EmailVerification r) {
        return new EmailVerificationRow(r.id().value(), r.userId().value(), r.digest().hex(), r.createdAt(), r.expiresAt(),
                r.usedAt());
    }

    public EmailVerification toDomain() {
        return new EmailVerification(new EmailVerificationId(id), new UserId(userId), new TokenDigest(tokenDigest), createdAt,
                expiresAt, usedAt);
    }
}

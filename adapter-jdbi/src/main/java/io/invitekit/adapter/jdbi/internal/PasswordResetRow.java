package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.PasswordReset;
import io.invitekit.domain.account.PasswordResetId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code password_resets}: the token's digest only, never the token. */
public record PasswordResetRow(UUID id, UUID userId, String tokenDigest, Instant createdAt, Instant expiresAt,
                               Instant usedAt) {

    static final String COLUMNS = "id, user_id, token_digest, created_at, expires_at, used_at";

    public static PasswordResetRow of(PasswordReset r) {
        return new PasswordResetRow(r.id().value(), r.userId().value(), r.digest().hex(), r.createdAt(), r.expiresAt(),
                r.usedAt());
    }

    public PasswordReset toDomain() {
        return new PasswordReset(new PasswordResetId(id), new UserId(userId), new TokenDigest(tokenDigest), createdAt,
                expiresAt, usedAt);
    }
}

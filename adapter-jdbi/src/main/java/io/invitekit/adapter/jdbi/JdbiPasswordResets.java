package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.PasswordResetRow;
import io.invitekit.adapter.jdbi.internal.PasswordResetSql;
import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.domain.account.PasswordReset;
import io.invitekit.domain.account.PasswordResetId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Optional;

/** Password-reset tokens in {@code password_resets}: digests only; a use is a conditional update. */
final class JdbiPasswordResets implements PasswordResets {
    private final Handles handles;

    JdbiPasswordResets(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void add(PasswordReset reset) {
        handles.call(PasswordResetSql.class, sql -> {
            sql.insert(PasswordResetRow.of(reset));
            return null;
        });
    }

    @Override
    public Optional<PasswordReset> byDigest(TokenDigest digest) {
        return handles.call(PasswordResetSql.class, sql -> sql.byDigest(digest.hex()).map(PasswordResetRow::toDomain));
    }

    @Override
    public boolean markUsed(PasswordResetId id, Instant at) {
        return handles.call(PasswordResetSql.class, sql -> sql.markUsed(id.value(), at) == 1);
    }

    @Override
    public int supersedeUnused(UserId user, Instant at) {
        return handles.call(PasswordResetSql.class, sql -> sql.supersedeUnused(user.value(), at));
    }
}

package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.EmailVerificationRow;
import io.invitekit.adapter.jdbi.internal.EmailVerificationSql;
import io.invitekit.application.port.out.EmailVerifications;
import io.invitekit.domain.account.EmailVerification;
import io.invitekit.domain.account.EmailVerificationId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Optional;

/** Email verification tokens in {@code email_verifications}: digests only; a use is a conditional update. */
final class JdbiEmailVerifications implements EmailVerifications {
    private final Handles handles;

    JdbiEmailVerifications(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void add(EmailVerification verification) {
        handles.call(EmailVerificationSql.class, sql -> {
            sql.insert(EmailVerificationRow.of(verification));
            return null;
        });
    }

    @Override
    public Optional<EmailVerification> byDigest(TokenDigest digest) {
        return handles.call(EmailVerificationSql.class, sql -> sql.byDigest(digest.hex()).map(EmailVerificationRow::toDomain));
    }

    @Override
    public boolean markUsed(EmailVerificationId id, Instant at) {
        return handles.call(EmailVerificationSql.class, sql -> sql.markUsed(id.value(), at) == 1);
    }

    @Override
    public int supersedeUnused(UserId user, Instant at) {
        return handles.call(EmailVerificationSql.class, sql -> sql.supersedeUnused(user.value(), at));
    }

    @Override
    public Optional<Instant> lastIssuedAt(UserId user) {
        return handles.call(EmailVerificationSql.class, sql -> sql.lastIssuedAt(user.value()));
    }
}

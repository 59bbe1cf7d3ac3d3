package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.AccountRow;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.adapter.jdbi.internal.SessionRow;
import io.invitekit.adapter.jdbi.internal.SessionSql;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions in {@code sessions}: token digests only; a refresh is a compare-and-set on the refresh
 * digest, and the digest it replaced is kept in {@code retired_refresh_digests} (deleted with the
 * session by the foreign key's cascade).
 */
final class JdbiSessions implements Sessions {
    private final Handles handles;

    private final String byAccessDigest;
    private final String withAccount;

    JdbiSessions(Handles handles) {
        this.handles = handles;
        this.byAccessDigest = handles.render(HotReads.SESSION_BY_ACCESS);
        this.withAccount = handles.render(HotReads.SESSION_WITH_ACCOUNT);
    }

    @Override
    public void add(Session session) {
        handles.call(SessionSql.class, sql -> {
            sql.insert(SessionRow.of(session));
            return null;
        });
    }

    @Override
    public Optional<Session> byAccessDigest(TokenDigest digest) {
        return handles.one(byAccessDigest, (r, ctx) -> SessionRow.read(r, 1), digest.hex()).map(SessionRow::toDomain);
    }

    /** One statement (the session joined to its account) when {@code accounts} is this store's. */
    @Override
    public Optional<WithAccount> byAccessDigestWithAccount(TokenDigest digest, Accounts accounts) {
        if (!(accounts instanceof JdbiAccounts own && own.keptIn(handles))) {
            return Sessions.super.byAccessDigestWithAccount(digest, accounts);
        }
        return handles.one(withAccount, (r, ctx) -> new WithAccount(SessionRow.read(r, 1).toDomain(),
                AccountRow.read(r, 12).toDomain()), digest.hex());
    }

    @Override
    public Optional<Session> byRefreshDigest(TokenDigest digest) {
        return handles.call(SessionSql.class, sql -> sql.byRefreshDigest(digest.hex()).map(SessionRow::toDomain));
    }

    @Override
    public boolean rotate(TokenDigest expectedRefresh, Session next) {
        // The update takes the row lock first: a concurrent rotation with the same token waits,
        // then finds the digest changed and updates nothing, so only the winner retires it.
        return handles.atomically(handle -> {
            SessionSql sql = handle.attach(SessionSql.class);
            if (sql.rotate(SessionRow.of(next), expectedRefresh.hex()) != 1) {
                return false;
            }
            sql.retire(expectedRefresh.hex(), next.id().value());
            return true;
        });
    }

    @Override
    public Optional<SessionId> familyOfRetired(TokenDigest refreshDigest) {
        return handles.call(SessionSql.class, sql -> sql.familyOfRetired(refreshDigest.hex()).map(SessionId::new));
    }

    @Override
    public void remove(SessionId id) {
        handles.call(SessionSql.class, sql -> sql.delete(id.value()));
    }

    @Override
    public int removeAllOf(UserId user) {
        return handles.call(SessionSql.class, sql -> sql.deleteAllOf(user.value()));
    }

    @Override
    public boolean touch(SessionId id, Instant usedAt) {
        return handles.call(SessionSql.class, sql -> sql.touch(id.value(), usedAt, Session.staleBefore(usedAt))) == 1;
    }

    @Override
    public List<Session> allOf(UserId user) {
        return handles.call(SessionSql.class, sql -> sql.allOf(user.value()).stream().map(SessionRow::toDomain).toList());
    }

    @Override
    public boolean removeOf(UserId user, SessionId id) {
        return handles.call(SessionSql.class, sql -> sql.deleteOf(user.value(), id.value())) == 1;
    }

    @Override
    public int removeAllOfExcept(UserId user, SessionId keep) {
        return handles.call(SessionSql.class, sql -> sql.deleteAllOfExcept(user.value(), keep.value()));
    }
}

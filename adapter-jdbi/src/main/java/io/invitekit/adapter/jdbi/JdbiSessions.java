package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.SessionRow;
import io.invitekit.adapter.jdbi.internal.SessionSql;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.util.Optional;

/** Sessions in {@code sessions}: token digests only; a refresh is a compare-and-set on the refresh digest. */
final class JdbiSessions implements Sessions {
    private final Handles handles;

    JdbiSessions(Handles handles) {
        this.handles = handles;
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
        return handles.call(SessionSql.class, sql -> sql.byAccessDigest(digest.hex()).map(SessionRow::toDomain));
    }

    @Override
    public Optional<Session> byRefreshDigest(TokenDigest digest) {
        return handles.call(SessionSql.class, sql -> sql.byRefreshDigest(digest.hex()).map(SessionRow::toDomain));
    }

    @Override
    public boolean rotate(TokenDigest expectedRefresh, Session next) {
        return handles.call(SessionSql.class, sql -> sql.rotate(SessionRow.of(next), expectedRefresh.hex()) == 1);
    }

    @Override
    public void remove(SessionId id) {
        handles.call(SessionSql.class, sql -> sql.delete(id.value()));
    }

    @Override
    public int removeAllOf(UserId user) {
        return handles.call(SessionSql.class, sql -> sql.deleteAllOf(user.value()));
    }
}

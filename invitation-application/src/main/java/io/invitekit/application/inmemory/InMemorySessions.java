package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Sessions;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemorySessions implements Sessions {
    private final InMemoryTransactions transactions;
    private final Map<SessionId, Session> byId = new HashMap<>();
    private final Map<TokenDigest, SessionId> retired = new HashMap<>();

    InMemorySessions(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void add(Session session) {
        byId.put(session.id(), session);
        transactions.onRollback(() -> undo(session.id(), session, null));
    }

    /** Puts {@code previous} back, unless the session was changed again since. */
    private synchronized void undo(SessionId id, Session written, Session previous) {
        if (byId.get(id) != written) {
            return;
        }
        if (previous == null) {
            byId.remove(id);
        } else {
            byId.put(id, previous);
        }
    }

    @Override
    public synchronized Optional<Session> byAccessDigest(TokenDigest digest) {
        return byId.values().stream().filter(s -> s.accessDigest().equals(digest)).findFirst();
    }

    @Override
    public synchronized Optional<Session> byRefreshDigest(TokenDigest digest) {
        return byId.values().stream().filter(s -> digest.equals(s.refreshDigest())).findFirst();
    }

    @Override
    public synchronized boolean rotate(TokenDigest expectedRefresh, Session next) {
        Session current = byId.get(next.id());
        if (current == null || !current.refreshDigest().equals(expectedRefresh)) {
            return false;
        }
        byId.put(next.id(), next);
        retired.put(expectedRefresh, next.id());
        transactions.onRollback(() -> {
            undo(next.id(), next, current);
            synchronized (this) {
                retired.remove(expectedRefresh, next.id());
            }
        });
        return true;
    }

    @Override
    public synchronized Optional<SessionId> familyOfRetired(TokenDigest refreshDigest) {
        return Optional.ofNullable(retired.get(refreshDigest));
    }

    @Override
    public synchronized int removeAllOf(UserId user) {
        List<SessionId> ids = byId.values().stream().filter(s -> s.userId().equals(user)).map(Session::id).toList();
        ids.forEach(this::remove);
        return ids.size();
    }

    @Override
    public synchronized boolean touch(SessionId id, Instant usedAt) {
        Session current = byId.get(id);
        if (current == null || !current.lastUsedIsStaleAt(usedAt)) {
            return false;
        }
        Session touched = new Session(current.id(), current.userId(), current.kind(), current.accessDigest(),
                current.refreshDigest(), current.createdAt(), usedAt, current.accessExpiresAt(),
                current.refreshExpiresAt(), current.origin());
        byId.put(id, touched);
        transactions.onRollback(() -> undo(id, touched, current));
        return true;
    }

    @Override
    public synchronized List<Session> allOf(UserId user) {
        return byId.values().stream().filter(s -> s.userId().equals(user))
                .sorted(Comparator.comparing(Session::createdAt).thenComparing(s -> s.id().value()).reversed())
                .toList();
    }

    @Override
    public synchronized boolean removeOf(UserId user, SessionId id) {
        Session session = byId.get(id);
        if (session == null || !session.userId().equals(user)) {
            return false;
        }
        remove(id);
        return true;
    }

    @Override
    public synchronized int removeAllOfExcept(UserId user, SessionId keep) {
        List<SessionId> ids = byId.values().stream().filter(s -> s.userId().equals(user) && !s.id().equals(keep))
                .map(Session::id).toList();
        ids.forEach(this::remove);
        return ids.size();
    }

    @Override
    public synchronized void remove(SessionId id) {
        Session removed = byId.remove(id);
        Map<TokenDigest, SessionId> forgotten = new HashMap<>();
        retired.entrySet().removeIf(e -> e.getValue().equals(id) && forgotten.put(e.getKey(), e.getValue()) == null);
        if (removed != null || !forgotten.isEmpty()) {
            transactions.onRollback(() -> {
                synchronized (this) {
                    if (removed != null) {
                        byId.putIfAbsent(id, removed);
                    }
                    forgotten.forEach(retired::putIfAbsent);
                }
            });
        }
    }
}

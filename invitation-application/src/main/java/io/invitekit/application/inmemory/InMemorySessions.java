package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Sessions;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.shared.TokenDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemorySessions implements Sessions {
    private final Map<SessionId, Session> byId = new HashMap<>();

    @Override
    public synchronized void add(Session session) {
        byId.put(session.id(), session);
    }

    @Override
    public synchronized Optional<Session> byAccessDigest(TokenDigest digest) {
        return byId.values().stream().filter(s -> s.accessDigest().equals(digest)).findFirst();
    }

    @Override
    public synchronized Optional<Session> byRefreshDigest(TokenDigest digest) {
        return byId.values().stream().filter(s -> s.refreshDigest().equals(digest)).findFirst();
    }

    @Override
    public synchronized boolean rotate(TokenDigest expectedRefresh, Session next) {
        Session current = byId.get(next.id());
        if (current == null || !current.refreshDigest().equals(expectedRefresh)) {
            return false;
        }
        byId.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized void remove(SessionId id) {
        byId.remove(id);
    }
}

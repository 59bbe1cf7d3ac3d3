package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.domain.account.PasswordReset;
import io.invitekit.domain.account.PasswordResetId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryPasswordResets implements PasswordResets {
    private final InMemoryTransactions transactions;
    private final Map<PasswordResetId, PasswordReset> byId = new LinkedHashMap<>();

    InMemoryPasswordResets(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void add(PasswordReset reset) {
        boolean digestTaken = byId.values().stream().anyMatch(r -> r.digest().equals(reset.digest()));
        if (digestTaken || byId.containsKey(reset.id())) {
            throw new IllegalStateException("a reset token with this id or digest exists");
        }
        byId.put(reset.id(), reset);
        transactions.onRollback(() -> undo(reset, null));
    }

    @Override
    public synchronized Optional<PasswordReset> byDigest(TokenDigest digest) {
        return byId.values().stream().filter(r -> r.digest().equals(digest)).findFirst();
    }

    @Override
    public synchronized boolean markUsed(PasswordResetId id, Instant at) {
        PasswordReset current = byId.get(id);
        if (current == null || current.usedAt() != null) {
            return false;
        }
        use(current, at);
        return true;
    }

    @Override
    public synchronized int supersedeUnused(UserId user, Instant at) {
        List<PasswordReset> unused = byId.values().stream()
                .filter(r -> r.userId().equals(user) && r.usedAt() == null).toList();
        unused.forEach(r -> use(r, at));
        return unused.size();
    }

    private void use(PasswordReset current, Instant at) {
        PasswordReset used = new PasswordReset(current.id(), current.userId(), current.digest(), current.createdAt(),
                current.expiresAt(), at);
        byId.put(current.id(), used);
        transactions.onRollback(() -> undo(used, current));
    }

    /** Puts {@code previous} back (or removes the token), unless it was changed again since. */
    private synchronized void undo(PasswordReset written, PasswordReset previous) {
        if (byId.get(written.id()) != written) {
            return;
        }
        if (previous == null) {
            byId.remove(written.id());
        } else {
            byId.put(written.id(), previous);
        }
    }
}

package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.EmailVerifications;
import io.invitekit.domain.account.EmailVerification;
import io.invitekit.domain.account.EmailVerificationId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryEmailVerifications implements EmailVerifications {
    private final InMemoryTransactions transactions;
    private final Map<EmailVerificationId, EmailVerification> byId = new LinkedHashMap<>();

    InMemoryEmailVerifications(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void add(EmailVerification verification) {
        boolean digestTaken = byId.values().stream().anyMatch(r -> r.digest().equals(verification.digest()));
        if (digestTaken || byId.containsKey(verification.id())) {
            throw new IllegalStateException("a verification token with this id or digest exists");
        }
        byId.put(verification.id(), verification);
        transactions.onRollback(() -> undo(verification, null));
    }

    @Override
    public synchronized Optional<EmailVerification> byDigest(TokenDigest digest) {
        return byId.values().stream().filter(r -> r.digest().equals(digest)).findFirst();
    }

    @Override
    public synchronized boolean markUsed(EmailVerificationId id, Instant at) {
        EmailVerification current = byId.get(id);
        if (current == null || current.usedAt() != null) {
            return false;
        }
        use(current, at);
        return true;
    }

    @Override
    public synchronized int supersedeUnused(UserId user, Instant at) {
        List<EmailVerification> unused = byId.values().stream()
                .filter(r -> r.userId().equals(user) && r.usedAt() == null).toList();
        unused.forEach(r -> use(r, at));
        return unused.size();
    }

    @Override
    public synchronized Optional<Instant> lastIssuedAt(UserId user) {
        return byId.values().stream().filter(v -> v.userId().equals(user)).map(EmailVerification::createdAt)
                .max(Instant::compareTo);
    }

    private void use(EmailVerification current, Instant at) {
        EmailVerification used = new EmailVerification(current.id(), current.userId(), current.digest(), current.createdAt(),
                current.expiresAt(), at);
        byId.put(current.id(), used);
        transactions.onRollback(() -> undo(used, current));
    }

    /** Puts {@code previous} back (or removes the token), unless it was changed again since. */
    private synchronized void undo(EmailVerification written, EmailVerification previous) {
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

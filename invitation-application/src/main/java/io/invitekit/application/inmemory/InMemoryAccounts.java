package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

public final class InMemoryAccounts implements Accounts {
    private final InMemoryTransactions transactions;
    private final Map<UserId, Account> byId = new HashMap<>();
    private final Map<EmailAddress, UserId> byEmail = new HashMap<>();

    InMemoryAccounts(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void add(Account account) {
        if (byEmail.containsKey(account.email())) {
            throw transactions.refuse(new RuleViolationException(ErrorCode.EMAIL_TAKEN, "an account with this email exists"));
        }
        byId.put(account.id(), account);
        byEmail.put(account.email(), account.id());
        transactions.onRollback(() -> {
            synchronized (this) {
                byId.remove(account.id());
                byEmail.remove(account.email());
            }
        });
    }

    @Override
    public synchronized Optional<Account> byId(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Account> byEmail(EmailAddress email) {
        return Optional.ofNullable(byEmail.get(email)).map(byId::get);
    }

    @Override
    public synchronized List<Account> byIds(Collection<UserId> ids) {
        return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized boolean anyPlatformAdmin() {
        return byId.values().stream().anyMatch(Account::isPlatformAdmin);
    }

    @Override
    public boolean changePassword(UserId id, PasswordHash hash) {
        return change(id, a -> new Account(a.id(), a.email(), hash, a.firstName(), a.lastName(), a.platformRole(),
                a.createdAt(), a.emailVerifiedAt(), a.locale()));
    }

    @Override
    public boolean markEmailVerified(UserId id, Instant at) {
        return change(id, a -> a.verifiedAt(at));
    }

    @Override
    public boolean rename(UserId id, Name firstName, Name lastName) {
        return change(id, a -> a.renamed(firstName, lastName));
    }

    @Override
    public boolean changeLocale(UserId id, io.invitekit.domain.shared.LocaleTag locale) {
        return change(id, a -> a.withLocale(locale));
    }

    private synchronized boolean change(UserId id, java.util.function.UnaryOperator<Account> change) {
        Account current = byId.get(id);
        if (current == null) {
            return false;
        }
        Account changed = change.apply(current);
        byId.put(id, changed);
        transactions.onRollback(() -> {
            synchronized (this) {
                if (byId.get(id) == changed) {
                    byId.put(id, current);
                }
            }
        });
        return true;
    }
}

package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.AccountRow;
import io.invitekit.adapter.jdbi.internal.AccountSql;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts in {@code accounts}; emails are stored canonical, so equality is case-insensitive. */
final class JdbiAccounts implements Accounts {
    private final Handles handles;

    private final String byId;

    JdbiAccounts(Handles handles) {
        this.handles = handles;
        this.byId = handles.render(HotReads.ACCOUNT_BY_ID);
    }

    /** Whether this is the store that {@code other} reads: a statement of one may join the other's tables. */
    boolean keptIn(Handles other) {
        return handles == other;
    }

    @Override
    public void add(Account account) {
        handles.call(AccountSql.class, sql -> {
            sql.insert(AccountRow.of(account));
            return null;
        });
    }

    @Override
    public Optional<Account> byId(UserId id) {
        return handles.one(byId, (r, ctx) -> AccountRow.read(r, 1), id.value()).map(AccountRow::toDomain);
    }

    @Override
    public Optional<Account> byEmail(EmailAddress email) {
        return handles.call(AccountSql.class, sql -> sql.byEmail(email.value()).map(AccountRow::toDomain));
    }

    @Override
    public List<Account> byIds(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> values = ids.stream().map(UserId::value).distinct().toList();
        return handles.call(AccountSql.class, sql -> sql.byIds(values)).stream().map(AccountRow::toDomain).toList();
    }

    @Override
    public boolean anyPlatformAdmin() {
        return handles.call(AccountSql.class, AccountSql::countPlatformAdmins) > 0;
    }

    @Override
    public boolean changePassword(UserId id, PasswordHash hash) {
        return handles.call(AccountSql.class, sql -> sql.updatePasswordHash(id.value(), hash.encoded()) == 1);
    }

    @Override
    public Optional<io.invitekit.domain.account.PasswordHash> lockCredentials(UserId id) {
        return handles.call(AccountSql.class, sql -> sql.lockPasswordHash(id.value())
                .map(io.invitekit.domain.account.PasswordHash::new));
    }

    @Override
    public boolean markEmailVerified(UserId id, java.time.Instant at) {
        return handles.call(AccountSql.class, sql -> sql.markEmailVerified(id.value(), at) == 1);
    }

    @Override
    public boolean rename(UserId id, io.invitekit.domain.shared.Name firstName, io.invitekit.domain.shared.Name lastName) {
        return handles.call(AccountSql.class, sql -> sql.rename(id.value(), firstName.value(), lastName.value()) == 1);
    }

    @Override
    public boolean changeLocale(UserId id, io.invitekit.domain.shared.LocaleTag locale) {
        return handles.call(AccountSql.class,
                sql -> sql.changeLocale(id.value(), locale == null ? null : locale.value()) == 1);
    }
}

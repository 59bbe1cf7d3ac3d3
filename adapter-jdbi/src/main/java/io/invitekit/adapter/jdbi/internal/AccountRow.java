package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code accounts}. */
public record AccountRow(UUID id, String email, String passwordHash, String firstName, String lastName,
                         String platformRole, Instant createdAt, Instant emailVerifiedAt, String locale) {

    static final String COLUMNS = "id, email, password_hash, first_name, last_name, platform_role, created_at, "
            + "email_verified_at, locale";

    public static AccountRow of(Account a) {
        return new AccountRow(a.id().value(), a.email().value(), a.passwordHash().encoded(), a.firstName().value(),
                a.lastName().value(), a.platformRole().name(), a.createdAt(), a.emailVerifiedAt(),
                a.locale() == null ? null : a.locale().value());
    }

    public Account toDomain() {
        return new Account(new UserId(id), new EmailAddress(email), new PasswordHash(passwordHash), new Name(firstName),
                new Name(lastName), PlatformRole.valueOf(platformRole), createdAt, emailVerifiedAt,
                locale == null ? null : new LocaleTag(locale));
    }

    @Override
    public String toString() {
        return "AccountRow[id=" + id + "]"; // the hash stays out of logs
    }

    /** Columns {@code c} to {@code c + 8} of the current row, in the order of the SELECT's columns. */
    public static AccountRow read(ResultSet r, int c) throws SQLException {
        return new AccountRow(Columns.uuid(r, c), r.getString(c + 1), r.getString(c + 2), r.getString(c + 3),
                r.getString(c + 4), r.getString(c + 5), Columns.instant(r, c + 6), Columns.instant(r, c + 7), r.getString(c + 8));
    }
}

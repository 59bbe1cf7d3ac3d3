package io.invitekit.application.port.out;

import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The user store. An embedding application may plug in its own; the bundled one keeps accounts
 * in the database.
 */
public interface Accounts {

    /** @throws io.invitekit.domain.shared.RuleViolationException {@code email_taken} */
    void add(Account account);

    Optional<Account> byId(UserId id);

    /** Case-insensitive, because {@link EmailAddress} is canonical. */
    Optional<Account> byEmail(EmailAddress email);

    List<Account> byIds(Collection<UserId> ids);

    boolean anyPlatformAdmin();

    /**
     * Replaces the account's password hash. Joins the surrounding transaction.
     *
     * @return false when there is no such account
     */
    boolean changePassword(UserId id, io.invitekit.domain.account.PasswordHash hash);

    /**
     * Records that the account's email is verified, at {@code at} unless it already was (the
     * first verification stays). Joins the surrounding transaction.
     *
     * @return false when there is no such account
     */
    boolean markEmailVerified(UserId id, java.time.Instant at);

    /**
     * Replaces the account's names. Joins the surrounding transaction.
     *
     * @return false when there is no such account
     */
    boolean rename(UserId id, io.invitekit.domain.shared.Name firstName, io.invitekit.domain.shared.Name lastName);
}

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
     * The account's password hash, read under a lock on the account that lasts until the
     * surrounding transaction ends ({@code SELECT … FOR UPDATE}). A sign-in that checked a password
     * calls it in the transaction that writes the session: a password change ({@link
     * #changePassword}, which a reset, a claim or an operator makes before ending the account's
     * sessions) then either waits for that session and ends it, or goes first, and the sign-in
     * sees the new hash and refuses. The default reads without a lock, which is all a store
     * without transactions of its own (the in-memory one) can do.
     */
    default Optional<io.invitekit.domain.account.PasswordHash> lockCredentials(UserId id) {
        return byId(id).map(Account::passwordHash);
    }

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

    /**
     * Sets the language the account chose for pages and emails ({@code null}: none, follow the
     * browser). Joins the surrounding transaction.
     *
     * @return false when there is no such account
     */
    boolean changeLocale(UserId id, io.invitekit.domain.shared.LocaleTag locale);
}

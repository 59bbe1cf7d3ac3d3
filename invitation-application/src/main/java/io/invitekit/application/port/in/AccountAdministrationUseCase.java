package io.invitekit.application.port.in;

/**
 * What an operator does to Invitekit's own accounts from outside the API: the bundled server's
 * admin command line. There is no {@link Actor}: whoever runs it holds the server's configuration
 * and its database, and could change the rows directly. The rules are the same as everywhere
 * else (the password policy, unique emails, sessions ended on a password change).
 */
public interface AccountAdministrationUseCase {

    /**
     * Sets the password of the account with this email ({@code password} null: a generated one,
     * returned once), ends every session of the account, and voids its unused password reset
     * links and their unsent emails. Works for platform admins and ordinary accounts alike.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code not_found} when no account has
     *         the email; {@code validation_failed} ({@code email}, {@code password}) for a
     *         malformed email or a password the policy refuses
     */
    OperatorPassword setPassword(String email, String password);

    /**
     * Creates a platform admin (another one, or the first, before the server ever started) with
     * this email; {@code password} null: a generated one, returned once.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code email_taken} when an account has
     *         the email already (an ordinary account is never made an admin this way);
     *         {@code validation_failed} as for {@link #setPassword}
     */
    OperatorPassword createPlatformAdmin(String email, String password);

    /** {@code generatedPassword} is null when the password was given. */
    record OperatorPassword(String email, String generatedPassword) {
        @Override
        public String toString() {
            return "OperatorPassword[" + email + "]";
        }
    }
}

package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;
import java.util.Optional;

/** Sign-up, sign-in and the signed-in user's view of themselves. */
public interface AccountUseCase {

    AuthResult signup(SignupCommand command);

    /**
     * @throws io.invitekit.domain.shared.DomainException {@code invalid_credentials}, the same for
     *         an unknown email as for a wrong password, after about the same work
     */
    AuthResult login(String email, String password);

    /**
     * Refuses a log-in that could never succeed (no email; a password that is empty or too long
     * to be anyone's) with the error {@link #login} gives it, without looking anything up. A
     * caller that counts log-in attempts calls it first, so that such an attempt costs nothing
     * and creates no counter.
     *
     * @throws io.invitekit.domain.shared.ValidationException as {@link #login} would
     */
    void checkLogin(String email, String password);

    AuthResult refresh(String refreshToken);

    void logout(String accessToken);

    Optional<UserId> authenticate(String accessToken);

    /** The user and the first {@value #ME_MEMBERSHIPS} of their memberships, oldest first. */
    MeView me(UserId user);

    /**
     * The user's memberships a page at a time, oldest first: {@code limit} 1 to
     * {@value #MAX_MEMBERSHIPS_PAGE} (default 50), {@code cursor} from {@link MeView} or the page before.
     */
    Page<MeView.MembershipView> memberships(UserId user, PageRequest page);

    int ME_MEMBERSHIPS = 50;
    int MAX_MEMBERSHIPS_PAGE = 100;

    /**
     * Creates the first platform admin unless one exists. {@code password} null means generate
     * one: it is returned, the only place it ever appears. Called by several processes at once
     * on one store, with different emails or not, it creates exactly one admin.
     *
     * @return the created admin's email and generated password, or empty when an admin existed
     *         (or another process created the first one meanwhile)
     * @throws io.invitekit.domain.shared.DomainException {@code email_taken} when an ordinary
     *         account has that email (it is never made an admin)
     */
    Optional<FirstAdmin> createFirstPlatformAdmin(String email, String password);

    record SignupCommand(String email, String password, String firstName, String lastName) {
        @Override
        public String toString() {
            return "SignupCommand[redacted]";
        }
    }

    /** {@code generatedPassword} is null when the password was given. */
    record FirstAdmin(String email, String generatedPassword) {
        @Override
        public String toString() {
            return "FirstAdmin[" + email + "]";
        }
    }
}

package io.invitekit.application.port.in;

import java.util.Optional;

/**
 * Invitekit's own accounts: sign-up, log-in, sessions, password reset, the signed-in user's view of themselves,
 * accepting an invitation with a password, and the first platform admin. An optional part: the
 * bundled server uses it; a host application with its own users leaves it out and passes
 * {@link Actor}s and {@link VerifiedUser}s instead.
 */
public interface AccountUseCase {

    /**
     * Creates an account and queues its verification email (in one transaction). Limited per
     * client address when the command names one. When the deployment requires verified emails
     * ({@code requireVerifiedEmail}), answers {@link SignupResult#checkYourEmail()} without a
     * session, and answers the same for an email that has an account: nothing is created then,
     * and the address's owner is told by email that someone tried to sign up with it.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code email_taken} (only when verified
     *         emails are not required)
     */
    SignupResult signup(NewAccount.Builder account);

    /**
     * A log-in that could never succeed (no email; a password that is empty or too long to be
     * anyone's) is refused before it counts against any limit; then attempts are limited per
     * client address and per email.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code invalid_credentials}, the same for
     *         an unknown email as for a wrong password, after about the same work;
     *         {@code email_not_verified} when verified emails are required and the (right)
     *         password belongs to an account whose email is not verified
     */
    AuthResult login(LogIn attempt);

    AuthResult refresh(String refreshToken);

    /**
     * "Forgot password": when the email has an account, queues a password reset email whose link
     * (token stored as a digest, {@value #PASSWORD_RESET_MINUTES} minutes, single use) sets a new
     * password; a newer request supersedes the older tokens and withdraws their unsent emails.
     * Answers the same, after about the same work, whether or not the email has an account.
     * Limited per client address and per email.
     *
     * @throws io.invitekit.domain.shared.ValidationException {@code email} missing or malformed
     */
    void requestPasswordReset(PasswordResetRequest request);

    /** How long a password reset link works. */
    int PASSWORD_RESET_MINUTES = 60;

    /**
     * Sets a new password (the sign-up's policy) with a password reset token, ends every session
     * of the account, and uses the token up (and any other unused one of the account). Works for
     * platform admins too. Token lookups are limited per client address.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code invalid_reset_token} for an
     *         unknown, used, superseded or expired token alike; {@code validation_failed}
     *         ({@code password}) for a password the policy refuses, which leaves the token usable
     */
    void resetPassword(ResetPassword.Builder reset);

    /**
     * Uses the token of an email verification link, with the account's password: the account's
     * email becomes verified, the token (and any other unused one of the account) is used up, the
     * sessions made before end, and the user is signed in. The link alone proves the address, not
     * who chose the account: someone who signed up with another's address never gets it verified
     * by its owner (who can take the account over with a password reset instead). Token lookups
     * are limited per client address; the password counts against the log-in allowances.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code invalid_verification_token} for an
     *         unknown, used, superseded or expired token alike; {@code validation_failed}
     *         ({@code password}) without a password; {@code invalid_credentials} for a wrong one,
     *         which leaves the token usable
     */
    AuthResult verifyEmail(VerifyEmail verification);

    /** How long an email verification link works. */
    int EMAIL_VERIFICATION_HOURS = 24;

    /** A new verification email is queued only this long after the previous one. */
    int VERIFICATION_RESEND_COOLDOWN_SECONDS = 60;

    /**
     * "Send me a new verification link": for an account whose email is not verified, and only
     * {@value #VERIFICATION_RESEND_COOLDOWN_SECONDS} seconds after its previous one, queues a new
     * verification email (superseding the older tokens and withdrawing their unsent emails).
     * Answers the same whether the email has no account, a verified one, or one still in its
     * cooldown. Limited per client address and per email.
     *
     * @throws io.invitekit.domain.shared.ValidationException {@code email} missing or malformed
     */
    void resendVerificationEmail(VerificationEmailRequest request);

    void logout(String accessToken);

    /** The actor an access token stands for, with the account's current platform role. */
    Optional<Actor> authenticate(String accessToken);

    /** The user and the first {@value #ME_MEMBERSHIPS} of their memberships, oldest first. */
    MeView me(Actor actor);

    int ME_MEMBERSHIPS = 50;

    /**
     * Sets the language the account reads pages and emails in ({@code "de"}; a region such as
     * {@code "de-AT"} counts as its language), or none ({@code null}: pages follow the browser,
     * emails the deployment's default). Answers as {@link #me}.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code unsupported_locale} for a language
     *         the deployment does not offer (or no language at all); {@code unauthenticated}
     */
    MeView changeLocale(Actor actor, String locale);

    /**
     * Accepts an invitation with an Invitekit account: the one with the invitation's email when it
     * exists (its password must match), else a new one made from {@code credentials}; then as
     * {@link InvitationAcceptanceUseCase#accept}, all in one transaction, and signs the owner in.
     * Limited per client address, like every use of a link. Credentials without names sign in
     * with the existing account: each such attempt counts against the log-in allowances (per
     * client address and per email, one budget with {@link #login}), and an unknown account is
     * refused like a wrong password.
     *
     * <p>The link proves the address: when the account with the invitation's email exists but its
     * email is not verified (someone may have signed up with an address that is not theirs), the
     * link holder claims it without its password — the given password replaces it, given names
     * replace the old ones, every session of the account ends, the email becomes verified and the
     * audit records it, all in the accept's transaction. A new account made by an accept is
     * verified too.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code invalid_credentials} for a wrong
     *         password, and for credentials without names when no account has the email;
     *         {@code rate_limited} when the log-in allowance is spent
     */
    AcceptResult acceptInvitation(AcceptInvitation.Builder acceptance, OwnerCredentials credentials);

    /**
     * Accepts a member invitation with an Invitekit account, as {@link #acceptInvitation} does a
     * tenant invitation: the existing account with the invitation's email (its password must
     * match; an unverified one is claimed by the link), else a new account made from
     * {@code credentials} whose email counts as verified (the link proves it); then as
     * {@link MemberUseCase#accept}, all in one transaction, and signs the user in.
     */
    MemberAcceptResult acceptMemberInvitation(String token, OwnerCredentials credentials, String clientAddress);

    /**
     * Accepts a member invitation as a signed-in Invitekit account, as {@link MemberUseCase#accept}
     * does for a host's user: the account's email must be the invitation's
     * ({@code email_mismatch} otherwise). An account whose email was not verified yet gets it
     * verified by the link, in the accept's transaction (and the audit says so).
     */
    JoinResult acceptMemberInvitation(Actor actor, String token, String clientAddress);

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

    /** {@code generatedPassword} is null when the password was given. */
    record FirstAdmin(String email, String generatedPassword) {
        @Override
        public String toString() {
            return "FirstAdmin[" + email + "]";
        }
    }
}

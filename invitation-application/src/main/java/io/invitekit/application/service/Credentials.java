package io.invitekit.application.service;

import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.IssuedTokens;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Password checks that answer alike for every failure, and signing in. */
final class Credentials {
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final RandomGenerator random;
    private volatile PasswordHash decoy;

    Credentials(PasswordHasher hasher, SessionTokens tokens, RandomGenerator random) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.random = random;
    }

    /** The hash to store for a new password: of its NFKC form ({@link Password#normalized()}). */
    PasswordHash hash(Password password) {
        return hasher.hash(password.normalized());
    }

    /** The account, if the password is its own; else {@code invalid_credentials}. */
    Account requirePassword(Account account, Password password) {
        if (!matches(password, account.passwordHash())) {
            throw invalid();
        }
        return account;
    }

    /**
     * Whether the password is the one hashed. Hashes are made of the NFKC form, so that is
     * checked first. Hashes made before passwords were normalized (by Invitekit 0.1) are of
     * the password as it was typed then: when the NFKC form does not match and the password as
     * typed differs from it, the password as typed is checked too. So an old account logs in as
     * before, typed the way it was typed at sign-up (only ASCII and other passwords already in
     * NFKC are the same in both forms, and they take the first check alone). Such a hash is not
     * rewritten here: it becomes an NFKC one when the password is next set.
     */
    private boolean matches(Password password, PasswordHash hash) {
        Password nfkc = password.normalized();
        if (hasher.verify(nfkc, hash)) {
            return true;
        }
        return nfkc != password && hasher.verify(password, hash);
    }

    /**
     * The same check for an email that may have no account: without one, a hash that cannot
     * match is verified anyway, so both failures take about the same time.
     */
    Account requirePassword(Optional<Account> account, Password password) {
        if (account.isPresent()) {
            return requirePassword(account.get(), password);
        }
        matches(password, decoy());
        throw invalid();
    }

    AuthResult signIn(Account account, SessionOrigin origin) {
        IssuedTokens issued = tokens.issue(account.id(), origin);
        return new AuthResult(UserView.of(account), issued.accessToken(), issued.refreshToken(),
                issued.accessTokenTtl().toSeconds());
    }

    private PasswordHash decoy() {
        PasswordHash hash = decoy;
        if (hash == null) {
            // Racing threads may each make one; any of them serves.
            hash = hash(Password.presented(SecretToken.generate(random).reveal()));
            decoy = hash;
        }
        return hash;
    }

    static RuleViolationException invalid() {
        return new RuleViolationException(ErrorCode.INVALID_CREDENTIALS, "the email or the password is wrong");
    }
}

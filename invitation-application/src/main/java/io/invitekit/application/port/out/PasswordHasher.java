package io.invitekit.application.port.out;

import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;

/** Slow, salted password hashing (Argon2id in the bundled server). */
public interface PasswordHasher {
    PasswordHash hash(Password password);

    boolean verify(Password password, PasswordHash hash);
}

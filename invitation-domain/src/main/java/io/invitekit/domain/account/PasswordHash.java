package io.invitekit.domain.account;

import io.invitekit.domain.shared.InvalidValueException;

/** An encoded password hash, opaque to the domain (the hasher port knows its format). */
public record PasswordHash(String encoded) {
    public PasswordHash {
        if (encoded == null || encoded.isBlank()) {
            throw new InvalidValueException("a password hash is required");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}

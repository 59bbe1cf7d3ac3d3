package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Salted SHA-256: fast, for tests only. Passwords need a slow hash (the bundled server uses
 * Argon2id); never use this one for real accounts.
 */
public final class FastInsecurePasswordHasher implements PasswordHasher {
    private static final String PREFIX = "fast-insecure$";
    private final RandomGenerator random;

    public FastInsecurePasswordHasher(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public PasswordHash hash(Password password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(PREFIX + b64.encodeToString(salt) + "$" + b64.encodeToString(digest(salt, password)));
    }

    @Override
    public boolean verify(Password password, PasswordHash hash) {
        String encoded = hash.encoded();
        if (!encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 2) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[0]);
        return MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), digest(salt, password));
    }

    private static byte[] digest(byte[] salt, Password password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.reveal().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

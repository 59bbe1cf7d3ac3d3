package io.invitekit.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 digest of a secret token, in lower-case hex: what stores keep and look up by. */
public record TokenDigest(String hex) {
    public TokenDigest {
        if (hex == null || hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new InvalidValueException("a token digest is 64 lower-case hex digits");
        }
    }

    static TokenDigest of(String rawToken) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return new TokenDigest(HexFormat.of().formatHex(sha256.digest(rawToken.getBytes(StandardCharsets.US_ASCII))));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }
}

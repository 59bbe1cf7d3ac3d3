package io.invitekit.domain.shared;

import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A bearer secret (invitation link, access or refresh token): 32 random bytes, base64url
 * without padding. Only its {@link #digest()} is ever stored. {@link #toString()} hides the
 * value so that a token cannot reach a log line by accident.
 */
public final class SecretToken {
    public static final int BYTES = 32;
    public static final int LENGTH = 43;

    private final String value;

    private SecretToken(String value) {
        this.value = value;
    }

    public static SecretToken generate(RandomGenerator random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token as presented by a caller. Anything that is not the shape we issue is refused here,
     * so a lookup never runs for it.
     */
    public static SecretToken parse(String presented) {
        if (presented == null || presented.length() != LENGTH) {
            throw new InvalidValueException(ErrorCode.NOT_FOUND, "unknown token");
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = presented.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                throw new InvalidValueException(ErrorCode.NOT_FOUND, "unknown token");
            }
        }
        return new SecretToken(presented);
    }

    /** The raw value: only for the response or the message that hands it to its owner. */
    public String reveal() {
        return value;
    }

    public TokenDigest digest() {
        return TokenDigest.of(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretToken that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "SecretToken[redacted]";
    }
}

package io.invitekit.application.port.out;

import java.time.Duration;
import java.util.Objects;

/** A fresh access and refresh token pair. {@link #toString()} hides both. */
public record IssuedTokens(String accessToken, String refreshToken, Duration accessTokenTtl) {
    public IssuedTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    }

    @Override
    public String toString() {
        return "IssuedTokens[redacted, ttl=" + accessTokenTtl + "]";
    }
}

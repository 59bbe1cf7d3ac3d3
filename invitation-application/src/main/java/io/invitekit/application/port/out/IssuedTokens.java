package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import java.time.Duration;
import java.util.Objects;

/** A fresh access and refresh token pair, and whose they are. {@link #toString()} hides both tokens. */
public record IssuedTokens(UserId user, String accessToken, String refreshToken, Duration accessTokenTtl) {
    public IssuedTokens {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
    }

    @Override
    public String toString() {
        return "IssuedTokens[user=" + user + ", redacted, ttl=" + accessTokenTtl + "]";
    }
}

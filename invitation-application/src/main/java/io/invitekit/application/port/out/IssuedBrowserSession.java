package io.invitekit.application.port.out;

import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import java.time.Duration;
import java.util.Objects;

/**
 * A fresh browser session: the one opaque token its cookie carries, and how long the cookie
 * may be kept (the session's absolute lifetime). {@link #toString()} hides the token.
 */
public record IssuedBrowserSession(UserId user, SessionId id, String token, Duration maxAge) {
    public IssuedBrowserSession {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public String toString() {
        return "IssuedBrowserSession[user=" + user + ", redacted, maxAge=" + maxAge + "]";
    }
}

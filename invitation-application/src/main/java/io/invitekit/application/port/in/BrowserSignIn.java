package io.invitekit.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * A user signed in for the pages: the token their browser keeps in a cookie, and how long the
 * cookie may be kept. {@link #toString()} hides the token.
 */
public record BrowserSignIn(UserView user, String token, Duration maxAge) {
    public BrowserSignIn {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public String toString() {
        return "BrowserSignIn[user=" + user.id() + ", token redacted]";
    }
}

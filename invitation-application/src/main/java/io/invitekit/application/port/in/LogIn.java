package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionOrigin;

/**
 * A log-in attempt with an Invitekit account: email, password and optionally the address it came
 * from (attempts are limited per address and per email) and the client's user agent (the session
 * remembers both, for its owner's list of sessions).
 *
 * <pre>{@code LogIn.with(email, password).from(clientAddress).agent(userAgent)}</pre>
 */
public record LogIn(String email, String password, String clientAddress, String userAgent) {

    public static LogIn with(String email, String password) {
        return new LogIn(email, password, null, null);
    }

    public LogIn from(String address) {
        return new LogIn(email, password, address, userAgent);
    }

    public LogIn agent(String value) {
        return new LogIn(email, password, clientAddress, value);
    }

    /** Where the session it opens comes from. */
    public SessionOrigin origin() {
        return new SessionOrigin(clientAddress, userAgent);
    }

    @Override
    public String toString() {
        return "LogIn[redacted]";
    }
}

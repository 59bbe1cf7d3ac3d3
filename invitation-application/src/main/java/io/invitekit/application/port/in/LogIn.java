package io.invitekit.application.port.in;

/**
 * A log-in attempt with an Invitekit account: email, password and optionally the address it came
 * from (attempts are limited per address and per email).
 *
 * <pre>{@code LogIn.with(email, password).from(clientAddress)}</pre>
 */
public record LogIn(String email, String password, String clientAddress) {

    public static LogIn with(String email, String password) {
        return new LogIn(email, password, null);
    }

    public LogIn from(String address) {
        return new LogIn(email, password, address);
    }

    @Override
    public String toString() {
        return "LogIn[redacted]";
    }
}

package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionOrigin;

/**
 * The token of an email verification link, and optionally the address the request came from
 * (token lookups are limited per address) and the client's user agent (the session it signs in
 * remembers both).
 *
 * <pre>{@code VerifyEmail.token(tokenFromTheLink).from(clientAddress).agent(userAgent)}</pre>
 */
public record VerifyEmail(String token, String clientAddress, String userAgent) {

    public static VerifyEmail token(String token) {
        return new VerifyEmail(token, null, null);
    }

    public VerifyEmail from(String address) {
        return new VerifyEmail(token, address, userAgent);
    }

    public VerifyEmail agent(String value) {
        return new VerifyEmail(token, clientAddress, value);
    }

    public SessionOrigin origin() {
        return new SessionOrigin(clientAddress, userAgent);
    }

    @Override
    public String toString() {
        return "VerifyEmail[redacted]";
    }
}

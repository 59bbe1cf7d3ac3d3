package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionOrigin;

/**
 * The token of an email verification link with the password of the account it verifies (the
 * link proves the address, the password that whoever follows it chose the account: someone who
 * signed up with another's address cannot have that address's owner verify the account for
 * them), and optionally the address the request came from (token lookups and passwords are
 * limited per address) and the client's user agent (the session it signs in remembers both).
 *
 * <pre>{@code VerifyEmail.token(tokenFromTheLink).password(password).from(clientAddress).agent(userAgent)}</pre>
 */
public record VerifyEmail(String token, String password, String clientAddress, String userAgent) {

    public static VerifyEmail token(String token) {
        return new VerifyEmail(token, null, null, null);
    }

    public VerifyEmail password(String value) {
        return new VerifyEmail(token, value, clientAddress, userAgent);
    }

    public VerifyEmail from(String address) {
        return new VerifyEmail(token, password, address, userAgent);
    }

    public VerifyEmail agent(String value) {
        return new VerifyEmail(token, password, clientAddress, value);
    }

    public SessionOrigin origin() {
        return new SessionOrigin(clientAddress, userAgent);
    }

    @Override
    public String toString() {
        return "VerifyEmail[redacted]";
    }
}

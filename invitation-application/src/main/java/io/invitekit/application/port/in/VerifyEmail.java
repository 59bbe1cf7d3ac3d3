package io.invitekit.application.port.in;

/**
 * The token of an email verification link, and optionally the address the request came from
 * (token lookups are limited per address).
 *
 * <pre>{@code VerifyEmail.token(tokenFromTheLink).from(clientAddress)}</pre>
 */
public record VerifyEmail(String token, String clientAddress) {

    public static VerifyEmail token(String token) {
        return new VerifyEmail(token, null);
    }

    public VerifyEmail from(String address) {
        return new VerifyEmail(token, address);
    }

    @Override
    public String toString() {
        return "VerifyEmail[redacted]";
    }
}

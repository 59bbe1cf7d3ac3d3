package io.invitekit.application.port.in;

/**
 * "I forgot my password": the email of the account, and optionally the address the request came
 * from (requests are limited per address and per email).
 *
 * <pre>{@code PasswordResetRequest.forEmail(email).from(clientAddress)}</pre>
 */
public record PasswordResetRequest(String email, String clientAddress) {

    public static PasswordResetRequest forEmail(String email) {
        return new PasswordResetRequest(email, null);
    }

    public PasswordResetRequest from(String address) {
        return new PasswordResetRequest(email, address);
    }

    @Override
    public String toString() {
        return "PasswordResetRequest[redacted]";
    }
}

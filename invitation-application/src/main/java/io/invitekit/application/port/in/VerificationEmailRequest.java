package io.invitekit.application.port.in;

/**
 * "Send me a new verification link": the email of the account, and optionally the address the
 * request came from (requests are limited per address and per email).
 *
 * <pre>{@code VerificationEmailRequest.forEmail(email).from(clientAddress)}</pre>
 */
public record VerificationEmailRequest(String email, String clientAddress) {

    public static VerificationEmailRequest forEmail(String email) {
        return new VerificationEmailRequest(email, null);
    }

    public VerificationEmailRequest from(String address) {
        return new VerificationEmailRequest(email, address);
    }

    @Override
    public String toString() {
        return "VerificationEmailRequest[redacted]";
    }
}

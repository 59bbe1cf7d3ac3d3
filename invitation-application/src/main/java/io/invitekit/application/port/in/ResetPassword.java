package io.invitekit.application.port.in;

import io.invitekit.domain.account.Password;
import io.invitekit.domain.shared.EmailAddress;

/**
 * A new password set with the token of a password reset email, and optionally the address the
 * request came from (token lookups are limited per address). The password policy is the
 * sign-up's, which needs the account's email: the use case builds the command once the token
 * has named the account.
 *
 * <pre>{@code ResetPassword.token(tokenFromTheLink).password(newPassword).from(clientAddress)}</pre>
 */
public final class ResetPassword {
    private final String token;
    private final Password password;

    private ResetPassword(String token, Password password) {
        this.token = token;
        this.password = password;
    }

    /** The token as presented (the use case checks it). */
    public String token() {
        return token;
    }

    public Password password() {
        return password;
    }

    public static Builder token(String token) {
        return new Builder(token);
    }

    @Override
    public String toString() {
        return "ResetPassword[redacted]";
    }

    public static final class Builder {
        private final String token;
        private String password;
        private String clientAddress;

        private Builder(String token) {
            this.token = token;
        }

        public Builder password(String value) {
            password = value;
            return this;
        }

        public Builder from(String address) {
            clientAddress = address;
            return this;
        }

        /** The token as given, or null. */
        public String token() {
            return token;
        }

        /** The address given with {@link #from}, or null. */
        public String clientAddress() {
            return clientAddress;
        }

        /**
         * The command for the account with {@code email}: the new password must meet the sign-up's policy.
         *
         * @throws io.invitekit.domain.shared.ValidationException naming {@code password}
         */
        public ResetPassword build(EmailAddress email) {
            FieldErrors errors = new FieldErrors();
            Password checked = errors.required("password", password, raw -> Password.forAccount(raw, email));
            errors.throwIfAny();
            return new ResetPassword(token, checked);
        }

        @Override
        public String toString() {
            return "ResetPassword.Builder[redacted]";
        }
    }
}

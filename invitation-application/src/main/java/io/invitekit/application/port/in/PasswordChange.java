package io.invitekit.application.port.in;

import io.invitekit.domain.account.Password;
import io.invitekit.domain.shared.EmailAddress;

/**
 * A signed-in user's new password, with their current one, and optionally the address the request
 * came from (a current password tried counts against the log-in allowances per address and per
 * email). The new password's policy is the sign-up's, which needs the account's email: the use
 * case builds the command.
 *
 * <pre>{@code PasswordChange.current(oldPassword).to(newPassword).from(clientAddress)}</pre>
 */
public final class PasswordChange {
    private final Password current;
    private final Password next;

    private PasswordChange(Password current, Password next) {
        this.current = current;
        this.next = next;
    }

    public Password current() {
        return current;
    }

    public Password next() {
        return next;
    }

    public static Builder current(String currentPassword) {
        return new Builder(currentPassword);
    }

    @Override
    public String toString() {
        return "PasswordChange[redacted]";
    }

    public static final class Builder {
        private final String current;
        private String next;
        private String clientAddress;

        private Builder(String current) {
            this.current = current;
        }

        public Builder to(String newPassword) {
            next = newPassword;
            return this;
        }

        public Builder from(String address) {
            clientAddress = address;
            return this;
        }

        /** The address given with {@link #from}, or null. */
        public String clientAddress() {
            return clientAddress;
        }

        /**
         * The command for the account with {@code email}: the new password must meet the sign-up's policy.
         *
         * @throws io.invitekit.domain.shared.ValidationException naming {@code currentPassword} and {@code newPassword}
         */
        public PasswordChange build(EmailAddress email) {
            FieldErrors errors = new FieldErrors();
            Password presented = errors.required("currentPassword", current, Password::presented);
            Password checked = errors.required("newPassword", next, raw -> Password.forAccount(raw, email));
            errors.throwIfAny();
            return new PasswordChange(presented, checked);
        }

        @Override
        public String toString() {
            return "PasswordChange.Builder[redacted]";
        }
    }
}

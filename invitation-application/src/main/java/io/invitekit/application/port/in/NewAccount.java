package io.invitekit.application.port.in;

import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import java.util.Objects;

/**
 * A sign-up for an Invitekit account, and optionally the address it came from (sign-ups are
 * limited per address then).
 *
 * <pre>{@code NewAccount.email("ana@example.org").password(secret).name("Ana", "Lima").build()}</pre>
 */
public final class NewAccount {
    private final EmailAddress email;
    private final Password password;
    private final Name firstName;
    private final Name lastName;
    private final String clientAddress;
    private final String userAgent;

    private NewAccount(EmailAddress email, Password password, Name firstName, Name lastName) {
        this.email = email;
        this.password = password;
        this.firstName = firstName;
        this.lastName = lastName;
        this.clientAddress = null;
        this.userAgent = null;
    }

    private NewAccount(NewAccount account, String clientAddress, String userAgent) {
        this.email = account.email;
        this.password = account.password;
        this.firstName = account.firstName;
        this.lastName = account.lastName;
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
    }

    public EmailAddress email() {
        return email;
    }

    public Password password() {
        return password;
    }

    public Name firstName() {
        return firstName;
    }

    public Name lastName() {
        return lastName;
    }

    /** Null when the caller did not say where the sign-up came from. */
    public String clientAddress() {
        return clientAddress;
    }

    /** Null when the caller did not say which user agent signs up. */
    public String userAgent() {
        return userAgent;
    }

    /** Where the session the sign-up opens comes from. */
    public SessionOrigin origin() {
        return new SessionOrigin(clientAddress, userAgent);
    }

    public static Builder email(String email) {
        return new Builder(email);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewAccount other && Objects.equals(email, other.email) && Objects.equals(firstName, other.firstName) && Objects.equals(lastName, other.lastName) && Objects.equals(clientAddress, other.clientAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, firstName, lastName, clientAddress);
    }

    @Override
    public String toString() {
        return "NewAccount[" + email + "]";
    }

    public static final class Builder {
        private final String email;
        private String password;
        private String firstName;
        private String lastName;
        private String clientAddress;
        private String userAgent;

        private Builder(String email) {
            this.email = email;
        }

        public Builder password(String value) {
            password = value;
            return this;
        }

        public Builder name(String first, String last) {
            firstName = first;
            lastName = last;
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

        /** The client's user agent, remembered by the session the sign-up opens. */
        public Builder agent(String value) {
            userAgent = value;
            return this;
        }

        /** @throws io.invitekit.domain.shared.ValidationException listing every malformed or missing field */
        public NewAccount build() {
            FieldErrors errors = new FieldErrors();
            EmailAddress parsed = errors.required("email", email, EmailAddress::of);
            Password checked = errors.required("password", password, raw -> Password.forAccount(raw, parsed));
            Name first = errors.required("firstName", firstName, Name::of);
            Name last = errors.required("lastName", lastName, Name::of);
            errors.throwIfAny();
            return new NewAccount(new NewAccount(parsed, checked, first, last), clientAddress, userAgent);
        }

        @Override
        public String toString() {
            return "NewAccount.Builder[redacted]";
        }
    }
}

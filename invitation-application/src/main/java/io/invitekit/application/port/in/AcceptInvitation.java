package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import java.util.Objects;

/**
 * What the invited owner fills in to accept: the business's name, its subdomain, and optionally a
 * contact email and phone. {@code subdomain} is checked by the use case, which knows the reserved
 * names; {@code clientAddress} (optional) is who sent it, for the per-address limit on links.
 *
 * <pre>{@code
 * AcceptInvitation.token(token).businessName("Bright Bakery").subdomain("bright").build()
 * }</pre>
 */
public final class AcceptInvitation {
    private final String token;
    private final Name businessName;
    private final String subdomain;
    private final EmailAddress contactEmail;
    private final Phone phone;
    private final String clientAddress;
    private final String userAgent;

    private AcceptInvitation(Builder given, Name businessName, EmailAddress contactEmail, Phone phone) {
        this.token = given.token;
        this.businessName = businessName;
        this.subdomain = given.subdomain;
        this.contactEmail = contactEmail;
        this.phone = phone;
        this.clientAddress = given.clientAddress;
        this.userAgent = given.userAgent;
    }

    /** The token as the link carried it. */
    public String token() {
        return token;
    }

    public Name businessName() {
        return businessName;
    }

    /** As asked for; the use case checks it against the reserved names. */
    public String subdomain() {
        return subdomain;
    }

    /** Null when none was given. */
    public EmailAddress contactEmail() {
        return contactEmail;
    }

    /** Null when none was given. */
    public Phone phone() {
        return phone;
    }

    /** Null when the caller did not say where the request came from. */
    public String clientAddress() {
        return clientAddress;
    }

    /** Null when the caller did not say which user agent sent it. */
    public String userAgent() {
        return userAgent;
    }

    /** Where the owner's session (with Invitekit's own accounts) comes from. */
    public SessionOrigin origin() {
        return new SessionOrigin(clientAddress, userAgent);
    }

    public static Builder token(String token) {
        return new Builder(token);
    }

    public Builder toBuilder() {
        Builder b = new Builder(token);
        b.businessName = businessName == null ? null : businessName.value();
        b.subdomain = subdomain;
        b.contactEmail = contactEmail == null ? null : contactEmail.value();
        b.phone = phone == null ? null : phone.value();
        b.clientAddress = clientAddress;
        b.userAgent = userAgent;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcceptInvitation other && Objects.equals(token, other.token) && Objects.equals(businessName, other.businessName) && Objects.equals(subdomain, other.subdomain) && Objects.equals(contactEmail, other.contactEmail) && Objects.equals(phone, other.phone) && Objects.equals(clientAddress, other.clientAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, businessName, subdomain, contactEmail, phone, clientAddress);
    }

    @Override
    public String toString() {
        return "AcceptInvitation[" + businessName + ", " + subdomain + "]"; // never the token
    }

    public static final class Builder {
        private final String token;
        private String businessName;
        private String subdomain;
        private String contactEmail;
        private String phone;
        private String clientAddress;
        private String userAgent;

        private Builder(String token) {
            this.token = token;
        }

        public Builder businessName(String value) {
            businessName = value;
            return this;
        }

        public Builder subdomain(String value) {
            subdomain = value;
            return this;
        }

        public Builder contactEmail(String value) {
            contactEmail = value;
            return this;
        }

        public Builder phone(String value) {
            phone = value;
            return this;
        }

        /** The address the request came from; limits are counted per address when it is given. */
        public Builder from(String address) {
            clientAddress = address;
            return this;
        }

        /** The client's user agent, remembered by the owner's session (Invitekit's own accounts). */
        public Builder agent(String value) {
            userAgent = value;
            return this;
        }

        /** The token as given; the use case looks it up (and answers {@code not_found} when unknown). */
        public String token() {
            return token;
        }

        /** The address given with {@link #from}, or null. */
        public String clientAddress() {
            return clientAddress;
        }

        /** @throws io.invitekit.domain.shared.ValidationException listing every malformed or missing field */
        public AcceptInvitation build() {
            FieldErrors errors = new FieldErrors();
            AcceptInvitation built = build(errors);
            errors.throwIfAny();
            return built;
        }

        /** Records refusals in {@code errors}; the result then lacks the refused values. */
        public AcceptInvitation build(FieldErrors errors) {
            Name name = errors.required("businessName", businessName, Name::of);
            EmailAddress contact = errors.optional("contactEmail", contactEmail, EmailAddress::of);
            Phone parsedPhone = errors.optional("phone", phone, Phone::new);
            return new AcceptInvitation(this, name, contact, parsedPhone);
        }
    }
}

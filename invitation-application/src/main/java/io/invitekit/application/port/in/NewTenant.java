package io.invitekit.application.port.in;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;

/**
 * A tenant ("family") a signed-in user creates and will own. {@code subdomain} is optional (a
 * free one is derived from the name) and checked by the use case, which knows the reserved names.
 *
 * <pre>{@code NewTenant.named("The Garcias").build()}</pre>
 */
public record NewTenant(Name name, String subdomain, EmailAddress contactEmail, Phone phone) {

    public static Builder named(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name == null ? null : name.value());
        b.subdomain = subdomain;
        b.contactEmail = contactEmail == null ? null : contactEmail.value();
        b.phone = phone == null ? null : phone.value();
        return b;
    }

    public static final class Builder {
        private final String name;
        private String subdomain;
        private String contactEmail;
        private String phone;

        private Builder(String name) {
            this.name = name;
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

        /** @throws io.invitekit.domain.shared.ValidationException listing every malformed or missing field */
        public NewTenant build() {
            FieldErrors errors = new FieldErrors();
            NewTenant built = build(errors);
            errors.throwIfAny();
            return built;
        }

        /** Records refusals in {@code errors}; the result then lacks the refused values. */
        public NewTenant build(FieldErrors errors) {
            return new NewTenant(errors.required("name", name, Name::of), subdomain,
                    errors.optional("contactEmail", contactEmail, EmailAddress::of),
                    errors.optional("phone", phone, Phone::new));
        }
    }
}

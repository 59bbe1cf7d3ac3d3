package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.Objects;

/**
 * An invitation into a tenant, as an owner or admin asks for it:
 *
 * <pre>{@code
 * NewMemberInvitation.to("teammate@example.org").role(Role.ADMIN).expiresInDays(3).build();
 * }</pre>
 *
 * The role defaults to MEMBER and the lifetime to the deployment's default. Whether the actor may
 * grant the role and the lifetime is within bounds is the use case's to check.
 */
public record NewMemberInvitation(EmailAddress email, Role role, Integer expiresInDays) {

    public NewMemberInvitation {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
    }

    public static Builder to(String email) {
        return new Builder().email(email);
    }

    public static Builder to(EmailAddress email) {
        return new Builder().email(email);
    }

    public Builder toBuilder() {
        return new Builder().email(email).role(role).expiresInDays(expiresInDays);
    }

    /** Collects the values; {@link #build()} checks them all at once. */
    public static final class Builder {
        private String rawEmail;
        private EmailAddress email;
        private String rawRole;
        private Role role = Role.MEMBER;
        private Integer expiresInDays;
        private final FieldErrors rejected = new FieldErrors();

        private Builder() {
        }

        public Builder email(String value) {
            rawEmail = value;
            email = null;
            return this;
        }

        public Builder email(EmailAddress value) {
            email = value;
            rawEmail = null;
            return this;
        }

        public Builder role(Role value) {
            role = value;
            rawRole = null;
            return this;
        }

        /** A role by name, any case ({@code "admin"}). */
        public Builder role(String value) {
            rawRole = value;
            role = null;
            return this;
        }

        public Builder expiresInDays(Integer days) {
            expiresInDays = days;
            return this;
        }

        /** Records a refusal found while reading this command from elsewhere (an adapter's wire format). */
        public Builder reject(String field, String message) {
            rejected.add(field, message);
            return this;
        }

        /** @throws io.invitekit.domain.shared.ValidationException listing every missing or malformed field */
        public NewMemberInvitation build() {
            FieldErrors errors = new FieldErrors();
            NewMemberInvitation built = build(errors);
            errors.throwIfAny();
            return built;
        }

        /** Records refusals in {@code errors}; the result is then null. */
        public NewMemberInvitation build(FieldErrors errors) {
            EmailAddress parsedEmail = email != null ? email : errors.required("email", rawEmail, EmailAddress::of);
            Role parsedRole = role != null ? role : errors.required("role", rawRole, Builder::parseRole);
            errors.addAll(rejected);
            return parsedEmail == null || parsedRole == null ? null
                    : new NewMemberInvitation(parsedEmail, parsedRole, expiresInDays);
        }

        static Role parseRole(String text) {
            try {
                return Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidValueException("role is one of OWNER, ADMIN, MEMBER");
            }
        }
    }
}

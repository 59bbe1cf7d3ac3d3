package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.EmailAddress;
import java.util.Locale;

/**
 * Which tenant invitations to list: {@code status} and {@code email} (exact) filter when given.
 * Without {@code search}, newest first; with it, those whose email or suggested business name
 * starts with it (case-insensitive, 1 to {@value #MAX_SEARCH} characters, else
 * {@code invalid_search}), ordered by the matching email or name, then id. Built with {@link #all()}.
 */
public record InvitationQuery(InvitationStatus status, EmailAddress email, PageRequest page, String search) {
    public static final int MAX_SEARCH = 100;

    public InvitationQuery(InvitationStatus status, EmailAddress email, PageRequest page) {
        this(status, email, page, null);
    }

    public static Builder all() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().status(status).email(email).search(search);
        return page == null ? b : b.page(page);
    }

    public static final class Builder {
        private InvitationStatus status;
        private String rawStatus;
        private EmailAddress email;
        private String rawEmail;
        private PageRequest page = PageRequest.first();
        private String search;

        private Builder() {
        }

        /** An email or business name prefix; null or empty: no search (the use case checks the rest). */
        public Builder search(String value) {
            search = value;
            return this;
        }

        public Builder status(InvitationStatus value) {
            status = value;
            rawStatus = null;
            return this;
        }

        /** A status by name, any case ({@code "pending"}). */
        public Builder status(String value) {
            rawStatus = value;
            status = null;
            return this;
        }

        public Builder email(EmailAddress value) {
            email = value;
            rawEmail = null;
            return this;
        }

        public Builder email(String value) {
            rawEmail = value;
            email = null;
            return this;
        }

        public Builder page(PageRequest value) {
            page = value == null ? PageRequest.first() : value;
            return this;
        }

        /** @throws io.invitekit.domain.shared.ValidationException for an unknown status or a malformed email */
        public InvitationQuery build() {
            FieldErrors errors = new FieldErrors();
            InvitationQuery built = build(errors);
            errors.throwIfAny();
            return built;
        }

        /** Records refusals in {@code errors}; the result then lacks the refused values. */
        public InvitationQuery build(FieldErrors errors) {
            InvitationStatus parsed = status != null ? status : errors.optional("status", rawStatus, Builder::parseStatus);
            EmailAddress parsedEmail = email != null ? email : errors.optional("email", rawEmail, EmailAddress::of);
            return new InvitationQuery(parsed, parsedEmail, page, search);
        }

        private static InvitationStatus parseStatus(String text) {
            try {
                return InvitationStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new io.invitekit.domain.shared.InvalidValueException(
                        "status is one of PENDING, ACCEPTED, EXPIRED, CANCELLED");
            }
        }
    }
}

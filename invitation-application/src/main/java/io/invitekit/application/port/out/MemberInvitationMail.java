package io.invitekit.application.port.out;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The member invitation email: {@code inviterName} invites {@code to} to join the tenant
 * {@code tenantName} on {@code platformName} as {@code role}, until {@code expiresAt}
 * ({@code expiresInDays} after it was sent, as the email words it), through the {@code link} that
 * carries the token. {@code token} is that token on its own, for a sender that builds its own
 * link; null only in mail made by hand. Like the link, it is a secret: never log it. {@code locale} is the language to write it in; null: the deployment's default.
 */
public record MemberInvitationMail(
        EmailAddress to,
        String platformName,
        String inviterName,
        String tenantName,
        Role role,
        Instant expiresAt,
        int expiresInDays,
        URI link,
        String token,
        LocaleTag locale) implements Mail {

    /** In the deployment's default language. */
    public MemberInvitationMail(EmailAddress to, String platformName, String inviterName, String tenantName, Role role,
                                Instant expiresAt, int expiresInDays, URI link, String token) {
        this(to, platformName, inviterName, tenantName, role, expiresAt, expiresInDays, link, token, null);
    }

    public static final String KIND = "member_invitation";

    public MemberInvitationMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(inviterName, "inviterName");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(link, "link");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.memberInvitation(this);
    }

    @Override
    public String toString() {
        return "MemberInvitationMail[role=" + role + "]"; // the link holds a token, the address is personal
    }

    /** A {@link MemberInvitationMail} without its link, as the outbox keeps it. */
    public record Queued(EmailAddress to, String platformName, String inviterName, String tenantName, Role role,
                         Instant expiresAt, int expiresInDays, LocaleTag locale) implements QueuedMail {

        /** In the deployment's default language. */
        public Queued(EmailAddress to, String platformName, String inviterName, String tenantName, Role role,
                      Instant expiresAt, int expiresInDays) {
            this(to, platformName, inviterName, tenantName, role, expiresAt, expiresInDays, null);
        }

        public Queued {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(platformName, "platformName");
            Objects.requireNonNull(inviterName, "inviterName");
            Objects.requireNonNull(tenantName, "tenantName");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(QueuedMail.Visitor<R> visitor) {
            return visitor.memberInvitation(this);
        }

        /** The email, with the token and the link that carries it. */
        public MemberInvitationMail withLink(URI link, String token) {
            return new MemberInvitationMail(to, platformName, inviterName, tenantName, role, expiresAt, expiresInDays,
                    link, Objects.requireNonNull(token, "token"), locale);
        }

        @Override
        public String toString() {
            return "MemberInvitationMail.Queued[role=" + role + "]";
        }
    }
}

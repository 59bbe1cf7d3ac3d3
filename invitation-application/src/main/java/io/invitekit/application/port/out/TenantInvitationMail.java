package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The tenant invitation email: who ({@code inviterName}) invites {@code to} to create a business
 * on {@code platformName}, with the plan ({@code tier}, its effective limits, {@code null} for
 * unlimited, and the granted {@code permissions}), an optional {@code suggestedBusinessName},
 * when the invitation expires ({@code expiresAt}, and {@code expiresInDays}, the invitation's
 * lifetime in whole days, as the email words it) and the {@code link} that carries the token.
 * {@code token} is that token on its own, for a sender that builds its own link (a host with its
 * own acceptance page); null only in mail made by hand. Like the link, it is a secret: never log it.
 * {@code locale} is the language to write it in; null: the deployment's default.
 */
public record TenantInvitationMail(
        EmailAddress to,
        String platformName,
        String inviterName,
        SubscriptionTier tier,
        Integer maxUsers,
        Integer maxResources,
        Set<PlatformPermission> permissions,
        String suggestedBusinessName,
        Instant expiresAt,
        int expiresInDays,
        URI link,
        String token,
        LocaleTag locale) implements Mail {

    public static final String KIND = "tenant_invitation";

    /** In the deployment's default language. */
    public TenantInvitationMail(EmailAddress to, String platformName, String inviterName, SubscriptionTier tier,
                                Integer maxUsers, Integer maxResources, Set<PlatformPermission> permissions,
                                String suggestedBusinessName, Instant expiresAt, int expiresInDays, URI link,
                                String token) {
        this(to, platformName, inviterName, tier, maxUsers, maxResources, permissions, suggestedBusinessName, expiresAt,
                expiresInDays, link, token, null);
    }

    /** Mail made by hand (tests, previews): no token apart from the link. */
    public TenantInvitationMail(EmailAddress to, String platformName, String inviterName, SubscriptionTier tier,
                                Integer maxUsers, Integer maxResources, Set<PlatformPermission> permissions,
                                String suggestedBusinessName, Instant expiresAt, int expiresInDays, URI link) {
        this(to, platformName, inviterName, tier, maxUsers, maxResources, permissions, suggestedBusinessName, expiresAt,
                expiresInDays, link, null, null);
    }

    public TenantInvitationMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(inviterName, "inviterName");
        Objects.requireNonNull(tier, "tier");
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(link, "link");
    }

    @Override
    public String kind() {
        return KIND;
    }

    public boolean grants(PlatformPermission permission) {
        return permissions.contains(permission);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.tenantInvitation(this);
    }

    /** Everything but the link: what the outbox keeps (the link holds the token, kept apart as the secret). */
    public Queued queued() {
        return new Queued(to, platformName, inviterName, tier, maxUsers, maxResources, permissions,
                suggestedBusinessName, expiresAt, expiresInDays, locale);
    }

    @Override
    public String toString() {
        return "TenantInvitationMail[tier=" + tier + "]"; // the link holds a token, the address is personal
    }

    /** A {@link TenantInvitationMail} without its link, as the outbox keeps it. */
    public record Queued(
            EmailAddress to,
            String platformName,
            String inviterName,
            SubscriptionTier tier,
            Integer maxUsers,
            Integer maxResources,
            Set<PlatformPermission> permissions,
            String suggestedBusinessName,
            Instant expiresAt,
            int expiresInDays,
            LocaleTag locale) implements QueuedMail {

        /** In the deployment's default language. */
        public Queued(EmailAddress to, String platformName, String inviterName, SubscriptionTier tier, Integer maxUsers,
                      Integer maxResources, Set<PlatformPermission> permissions, String suggestedBusinessName,
                      Instant expiresAt, int expiresInDays) {
            this(to, platformName, inviterName, tier, maxUsers, maxResources, permissions, suggestedBusinessName,
                    expiresAt, expiresInDays, null);
        }

        public Queued {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(platformName, "platformName");
            Objects.requireNonNull(inviterName, "inviterName");
            Objects.requireNonNull(tier, "tier");
            permissions = Set.copyOf(permissions);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(QueuedMail.Visitor<R> visitor) {
            return visitor.tenantInvitation(this);
        }

        /** The email, with the link that carries the token. */
        public TenantInvitationMail withLink(URI link) {
            return new TenantInvitationMail(to, platformName, inviterName, tier, maxUsers, maxResources, permissions,
                    suggestedBusinessName, expiresAt, expiresInDays, link, null, locale);
        }

        /** The email, with the token and the link that carries it. */
        public TenantInvitationMail withLink(URI link, String token) {
            return new TenantInvitationMail(to, platformName, inviterName, tier, maxUsers, maxResources, permissions,
                    suggestedBusinessName, expiresAt, expiresInDays, link, Objects.requireNonNull(token, "token"), locale);
        }

        @Override
        public String toString() {
            return "TenantInvitationMail.Queued[tier=" + tier + "]";
        }
    }
}

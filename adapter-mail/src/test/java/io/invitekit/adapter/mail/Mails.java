package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Invitation emails for tests, with every field at a plain value unless a test changes it. */
final class Mails {
    /** A limit of none: the tier's users or resources are unlimited. */
    static final Integer UNLIMITED = null;

    static final String LINK = "https://app.example.com/tenant-onboard#token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    static final Instant EXPIRES_AT = Instant.parse("2026-03-08T09:00:00Z");

    private Mails() {
    }

    static TenantInvitationMail invitation() {
        return new TenantInvitationMail(EmailAddress.of("owner@example.com"), "Acme Cloud", "Ada Lovelace",
                SubscriptionTier.PROFESSIONAL, 50, 100,
                Set.of(PlatformPermission.CAN_ACCEPT_PAYMENTS, PlatformPermission.CAN_USE_CUSTOM_DOMAIN), "Bob's Bakery",
                EXPIRES_AT, 7, URI.create(LINK));
    }

    static OutgoingMail outgoing(OutboxMessageId id, String to, TenantInvitationMail mail) {
        return new OutgoingMail(id, to(mail, to));
    }

    static OutgoingMail outgoing(String to, TenantInvitationMail mail) {
        return outgoing(new OutboxMessageId(UUID.randomUUID()), to, mail);
    }

    static TenantInvitationMail to(TenantInvitationMail m, String to) {
        return new TenantInvitationMail(EmailAddress.of(to), m.platformName(), m.inviterName(), m.tier(), m.maxUsers(),
                m.maxResources(), m.permissions(), m.suggestedBusinessName(), m.expiresAt(), m.expiresInDays(), m.link());
    }

    static TenantInvitationMail with(TenantInvitationMail m, String platform, String inviter, String business) {
        return new TenantInvitationMail(m.to(), platform, inviter, m.tier(), m.maxUsers(), m.maxResources(),
                m.permissions(), business, m.expiresAt(), m.expiresInDays(), m.link());
    }

    static TenantInvitationMail withPlan(TenantInvitationMail m, String tier, Integer maxUsers, Integer maxResources,
                                         boolean payments, boolean customDomain) {
        Set<PlatformPermission> permissions = EnumSet.noneOf(PlatformPermission.class);
        if (payments) {
            permissions.add(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        }
        if (customDomain) {
            permissions.add(PlatformPermission.CAN_USE_CUSTOM_DOMAIN);
        }
        return new TenantInvitationMail(m.to(), m.platformName(), m.inviterName(), new SubscriptionTier(tier), maxUsers,
                maxResources, permissions, m.suggestedBusinessName(), m.expiresAt(), m.expiresInDays(), m.link());
    }

    static TenantInvitationMail withExpiry(TenantInvitationMail m, int days) {
        return new TenantInvitationMail(m.to(), m.platformName(), m.inviterName(), m.tier(), m.maxUsers(),
                m.maxResources(), m.permissions(), m.suggestedBusinessName(), m.expiresAt(), days, m.link());
    }

    /** The link as the relay makes it from text: {@link Mail#link} refuses text that is no URI, for good. */
    static TenantInvitationMail withLink(TenantInvitationMail m, String link) {
        return new TenantInvitationMail(m.to(), m.platformName(), m.inviterName(), m.tier(), m.maxUsers(),
                m.maxResources(), m.permissions(), m.suggestedBusinessName(), m.expiresAt(), m.expiresInDays(),
                Mail.link(link));
    }
}

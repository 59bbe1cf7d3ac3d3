package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.shared.EmailAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Invitation emails for tests, with every field at a plain value unless a test changes it. */
final class Mails {
    static final String LINK = "https://app.example.com/tenant-onboard#token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private Mails() {
    }

    static TenantInvitationMail invitation() {
        return new TenantInvitationMail("Acme Cloud", "Ada Lovelace", "PROFESSIONAL", 50, 100, true, true,
                "Bob's Bakery", 7, LINK);
    }

    static OutgoingMail outgoing(OutboxMessageId id, String to, TenantInvitationMail mail) {
        return new OutgoingMail(id, EmailAddress.of(to), TenantInvitationMail.KIND, data(mail));
    }

    static OutgoingMail outgoing(String to, TenantInvitationMail mail) {
        return outgoing(new OutboxMessageId(UUID.randomUUID()), to, mail);
    }

    /** The data as the relay hands it over: the queued fields plus the link. */
    static Map<String, String> data(TenantInvitationMail mail) {
        Map<String, String> data = new HashMap<>(TenantInvitationMail.queuedData(mail.platformName(), mail.inviterName(),
                mail.tier(), mail.maxUsers(), mail.maxResources(), mail.canAcceptPayments(), mail.canUseCustomDomain(),
                mail.suggestedBusinessName(), mail.expiresInDays()));
        data.put("link", mail.link());
        return data;
    }

    static TenantInvitationMail with(TenantInvitationMail m, String platform, String inviter, String business) {
        return new TenantInvitationMail(platform, inviter, m.tier(), m.maxUsers(), m.maxResources(), m.canAcceptPayments(),
                m.canUseCustomDomain(), business, m.expiresInDays(), m.link());
    }

    static TenantInvitationMail withPlan(TenantInvitationMail m, String tier, Integer maxUsers, Integer maxResources,
                                         boolean payments, boolean customDomain) {
        return new TenantInvitationMail(m.platformName(), m.inviterName(), tier, maxUsers, maxResources, payments,
                customDomain, m.suggestedBusinessName(), m.expiresInDays(), m.link());
    }

    static TenantInvitationMail withExpiry(TenantInvitationMail m, int days) {
        return new TenantInvitationMail(m.platformName(), m.inviterName(), m.tier(), m.maxUsers(), m.maxResources(),
                m.canAcceptPayments(), m.canUseCustomDomain(), m.suggestedBusinessName(), days, m.link());
    }

    static TenantInvitationMail withLink(TenantInvitationMail m, String link) {
        return new TenantInvitationMail(m.platformName(), m.inviterName(), m.tier(), m.maxUsers(), m.maxResources(),
                m.canAcceptPayments(), m.canUseCustomDomain(), m.suggestedBusinessName(), m.expiresInDays(), link);
    }
}

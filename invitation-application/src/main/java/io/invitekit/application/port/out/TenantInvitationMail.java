package io.invitekit.application.port.out;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The data of the tenant invitation email, and its spelling as {@link OutgoingMail#data()}.
 * {@code maxUsers}/{@code maxResources} are {@code null} for unlimited; {@code suggestedBusinessName}
 * may be {@code null}.
 */
public record TenantInvitationMail(
        String platformName,
        String inviterName,
        String tier,
        Integer maxUsers,
        Integer maxResources,
        boolean canAcceptPayments,
        boolean canUseCustomDomain,
        String suggestedBusinessName,
        int expiresInDays,
        String link) {

    public static final String KIND = "tenant_invitation";

    public TenantInvitationMail {
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(inviterName, "inviterName");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(link, "link");
    }

    /** Everything but the link: what the outbox stores (the link holds the token, stored apart). */
    public static Map<String, String> queuedData(String platformName, String inviterName, String tier, Integer maxUsers,
                                                 Integer maxResources, boolean canAcceptPayments,
                                                 boolean canUseCustomDomain, String suggestedBusinessName,
                                                 int expiresInDays) {
        Map<String, String> data = new HashMap<>();
        data.put("platform_name", platformName);
        data.put("inviter_name", inviterName);
        data.put("tier", tier);
        if (maxUsers != null) {
            data.put("max_users", maxUsers.toString());
        }
        if (maxResources != null) {
            data.put("max_resources", maxResources.toString());
        }
        data.put("can_accept_payments", Boolean.toString(canAcceptPayments));
        data.put("can_use_custom_domain", Boolean.toString(canUseCustomDomain));
        if (suggestedBusinessName != null) {
            data.put("suggested_business_name", suggestedBusinessName);
        }
        data.put("expires_in_days", Integer.toString(expiresInDays));
        return data;
    }

    public static TenantInvitationMail fromData(Map<String, String> data) {
        return new TenantInvitationMail(
                data.get("platform_name"), data.get("inviter_name"), data.get("tier"),
                integerOrNull(data.get("max_users")), integerOrNull(data.get("max_resources")),
                Boolean.parseBoolean(data.get("can_accept_payments")),
                Boolean.parseBoolean(data.get("can_use_custom_domain")),
                data.get("suggested_business_name"), Integer.parseInt(data.get("expires_in_days")), data.get("link"));
    }

    private static Integer integerOrNull(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    @Override
    public String toString() {
        return "TenantInvitationMail[tier=" + tier + "]"; // the link holds a token
    }
}

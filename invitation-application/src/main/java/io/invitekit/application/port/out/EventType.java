package io.invitekit.application.port.out;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of state change Invitekit records: the audit log's entries, the events in-process
 * listeners receive and webhooks deliver. {@link #wireName()} (e.g. {@code member_invitation.accepted})
 * is the stable public name; {@link #version()} the version of its {@code data} shape, raised
 * when a field changes meaning or goes (adding a field keeps the version). Never rename a
 * constant's wire name, only add.
 */
public enum EventType {
    TENANT_INVITATION_CREATED("tenant_invitation.created"),
    /** The invitation's email left through the mail sender (the first or a resent one). */
    TENANT_INVITATION_SENT("tenant_invitation.sent"),
    TENANT_INVITATION_RESENT("tenant_invitation.resent"),
    TENANT_INVITATION_ACCEPTED("tenant_invitation.accepted"),
    TENANT_INVITATION_EXPIRED("tenant_invitation.expired"),
    TENANT_INVITATION_CANCELLED("tenant_invitation.cancelled"),

    TENANT_CREATED("tenant.created"),
    TENANT_ACTIVATED("tenant.activated"),
    TENANT_DEACTIVATED("tenant.deactivated"),
    TENANT_OWNERSHIP_TRANSFERRED("tenant.ownership_transferred"),

    /** A member invited by email. */
    MEMBER_INVITATION_CREATED("member_invitation.created"),
    MEMBER_INVITATION_RESENT("member_invitation.resent"),
    MEMBER_INVITATION_REVOKED("member_invitation.revoked"),
    MEMBER_INVITATION_ACCEPTED("member_invitation.accepted"),
    MEMBER_INVITATION_EXPIRED("member_invitation.expired"),

    /** Someone became a member (by code, by member invitation); {@code data.via} says how. */
    MEMBERSHIP_JOINED("membership.joined"),
    MEMBERSHIP_ROLE_CHANGED("membership.role_changed"),
    MEMBERSHIP_REMOVED("membership.removed"),
    MEMBERSHIP_LEFT("membership.left"),

    JOIN_CODE_GENERATED("join_code.generated"),
    JOIN_CODE_ROTATED("join_code.rotated"),
    JOIN_CODE_DISABLED("join_code.disabled"),
    /** Joining by code turned on again (by a rotation after it was off). */
    JOIN_CODE_ENABLED("join_code.enabled"),

    ACCOUNT_CREATED("account.created"),
    ACCOUNT_EMAIL_VERIFIED("account.email_verified"),
    ACCOUNT_VERIFICATION_EMAIL_QUEUED("account.verification_email_queued"),
    ACCOUNT_SIGNUP_ATTEMPTED("account.signup_attempted"),
    ACCOUNT_CLAIMED_BY_INVITATION("account.claimed_by_invitation"),
    ACCOUNT_PASSWORD_RESET_REQUESTED("account.password_reset_requested"),
    ACCOUNT_PASSWORD_RESET("account.password_reset"),
    ACCOUNT_PASSWORD_CHANGED("account.password_changed"),
    ACCOUNT_PASSWORD_SET_BY_OPERATOR("account.password_set_by_operator"),
    ACCOUNT_RENAMED("account.renamed"),
    /** The account chose the language of its pages and emails ({@code data.locale}, empty: none). */
    ACCOUNT_LOCALE_CHANGED("account.locale_changed"),
    ACCOUNT_PLATFORM_ADMIN_CREATED("account.platform_admin_created"),

    WEBHOOK_ENDPOINT_CREATED("webhook_endpoint.created"),
    WEBHOOK_ENDPOINT_UPDATED("webhook_endpoint.updated"),
    WEBHOOK_ENDPOINT_DELETED("webhook_endpoint.deleted"),
    WEBHOOK_ENDPOINT_SECRET_ROTATED("webhook_endpoint.secret_rotated"),
    /** An endpoint turned off by Invitekit after a long run of failed deliveries. */
    WEBHOOK_ENDPOINT_DISABLED("webhook_endpoint.disabled");

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final int version;

    EventType(String wireName) {
        this(wireName, 1);
    }

    EventType(String wireName, int version) {
        this.wireName = wireName;
        this.version = version;
    }

    public String wireName() {
        return wireName;
    }

    public int version() {
        return version;
    }

    /** The type with this wire name; empty for one this release does not know (a newer node wrote it). */
    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}

package io.invitekit.domain.tenant;

/** What a tenant may do on the platform. */
public enum PlatformPermission {
    CAN_MANAGE_OAUTH_CREDENTIALS,
    CAN_ACCEPT_PAYMENTS,
    CAN_USE_CUSTOM_DOMAIN,
    CAN_WHITE_LABEL,
    CAN_API_ACCESS
}

package io.invitekit.domain.tenant;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a tenant may do on the platform. {@link #wireName()} is the public spelling. */
public enum PlatformPermission {
    CAN_MANAGE_OAUTH_CREDENTIALS,
    CAN_ACCEPT_PAYMENTS,
    CAN_USE_CUSTOM_DOMAIN,
    CAN_WHITE_LABEL,
    CAN_API_ACCESS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PlatformPermission> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}

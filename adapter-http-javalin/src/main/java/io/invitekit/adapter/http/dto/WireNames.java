package io.invitekit.adapter.http.dto;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API's spellings of the core's names: problem codes, permissions, refusals and field names
 * are snake_case on the wire. Part of the public contract: never change one, only add.
 */
public final class WireNames {
    private WireNames() {
    }

    /** {@code VALIDATION_FAILED} → {@code validation_failed}. */
    public static String code(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT);
    }

    public static String permission(PlatformPermission permission) {
        return permission.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PlatformPermission> permission(String name) {
        return Arrays.stream(PlatformPermission.values()).filter(p -> permission(p).equals(name)).findFirst();
    }

    /** Every permission, in declaration order, mapped to whether it is granted. */
    public static Map<String, Boolean> permissions(Set<PlatformPermission> granted) {
        Map<String, Boolean> wire = new LinkedHashMap<>();
        for (PlatformPermission p : PlatformPermission.values()) {
            wire.put(permission(p), granted.contains(p));
        }
        return wire;
    }

    public static String refusal(Refusal refusal) {
        return refusal == null ? null : refusal.name().toLowerCase(Locale.ROOT);
    }

    /** A core field name in the API's spelling: {@code suggestedBusinessName} → {@code suggested_business_name}. */
    public static String field(String camelCase) {
        StringBuilder snake = new StringBuilder(camelCase.length() + 8);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    /** {@code BROWSER} → {@code browser}. */
    public static String sessionKind(io.invitekit.domain.account.SessionKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}

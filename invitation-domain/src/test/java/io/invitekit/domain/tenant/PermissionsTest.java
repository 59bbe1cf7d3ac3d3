package io.invitekit.domain.tenant;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void wireNamesAreTheDocumentedOnes() {
        assertThat(PlatformPermission.values()).extracting(PlatformPermission::wireName).containsExactly(
                "can_manage_oauth_credentials", "can_accept_payments", "can_use_custom_domain", "can_white_label",
                "can_api_access");
    }

    @Test
    void grantsWhatIsTrueOnTheWire() {
        Permissions permissions = Permissions.fromWire(Map.of("can_accept_payments", true, "can_white_label", false));

        assertThat(permissions.has(PlatformPermission.CAN_ACCEPT_PAYMENTS)).isTrue();
        assertThat(permissions.has(PlatformPermission.CAN_WHITE_LABEL)).isFalse();
    }

    @Test
    void deniesMissingNames() {
        Permissions permissions = Permissions.fromWire(Map.of("can_api_access", true));

        assertThat(permissions.granted()).containsExactly(PlatformPermission.CAN_API_ACCESS);
        assertThat(permissions.has(PlatformPermission.CAN_USE_CUSTOM_DOMAIN)).isFalse();
    }

    @Test
    void treatsANullValueAsDenied() {
        Map<String, Boolean> wire = new HashMap<>();
        wire.put("can_api_access", null);

        assertThat(Permissions.fromWire(wire)).isEqualTo(Permissions.NONE);
    }

    @Test
    void grantsNothingForAMissingObject() {
        assertThat(Permissions.fromWire(null)).isEqualTo(Permissions.NONE);
    }

    @Test
    void refusesAnUnknownName() {
        assertInvalid(() -> Permissions.fromWire(Map.of("can_fly", true)));
        assertInvalid(() -> Permissions.fromWire(Map.of("CAN_API_ACCESS", true)));
        assertInvalid(() -> Permissions.fromWire(Map.of("can_fly", false)));
    }

    @Test
    void writesEveryKnownNameToTheWire() {
        assertThat(Permissions.of(PlatformPermission.CAN_USE_CUSTOM_DOMAIN).toWire()).containsExactly(
                entry("can_manage_oauth_credentials", false), entry("can_accept_payments", false),
                entry("can_use_custom_domain", true), entry("can_white_label", false), entry("can_api_access", false));
    }

    @Test
    void roundTripsThroughTheWire() {
        Permissions permissions = Permissions.of(PlatformPermission.CAN_ACCEPT_PAYMENTS, PlatformPermission.CAN_API_ACCESS);

        assertThat(Permissions.fromWire(permissions.toWire())).isEqualTo(permissions);
    }
}

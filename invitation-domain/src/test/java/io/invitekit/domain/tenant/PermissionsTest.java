package io.invitekit.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void grantsWhatIsInTheSet() {
        Permissions permissions = Permissions.of(PlatformPermission.CAN_ACCEPT_PAYMENTS);

        assertThat(permissions.has(PlatformPermission.CAN_ACCEPT_PAYMENTS)).isTrue();
        assertThat(permissions.has(PlatformPermission.CAN_WHITE_LABEL)).isFalse();
    }

    @Test
    void grantsNothingWhenEmpty() {
        assertThat(new Permissions(Set.of())).isEqualTo(Permissions.NONE);
        assertThat(Permissions.NONE.granted()).isEmpty();
    }

    @Test
    void isACopyTheCallerCannotChange() {
        Set<PlatformPermission> given = new HashSet<>(Set.of(PlatformPermission.CAN_API_ACCESS));
        Permissions permissions = new Permissions(given);
        given.add(PlatformPermission.CAN_WHITE_LABEL);

        assertThat(permissions.granted()).containsExactly(PlatformPermission.CAN_API_ACCESS);
        assertThat(permissions.granted()).isUnmodifiable();
    }

    @Test
    void equalSetsAreEqualPermissions() {
        assertThat(new Permissions(EnumSet.of(PlatformPermission.CAN_API_ACCESS, PlatformPermission.CAN_WHITE_LABEL)))
                .isEqualTo(Permissions.of(PlatformPermission.CAN_WHITE_LABEL, PlatformPermission.CAN_API_ACCESS));
    }
}

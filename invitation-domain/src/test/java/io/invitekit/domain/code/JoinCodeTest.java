package io.invitekit.domain.code;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JoinCodeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final JoinCodeId ID = new JoinCodeId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-000000000001"));
    private static final TenantId TENANT = new TenantId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-000000000002"));
    private static final InviteCode CODE = new InviteCode("A7BX9PQ2");

    @Test
    void aFreshCodeIsActiveUnusedAndUsable() {
        JoinCode code = JoinCode.unlimited(ID, TENANT, CODE, T0);

        assertThat(code.active()).isTrue();
        assertThat(code.uses()).isZero();
        assertThat(code.usableAt(T0)).isTrue();
        assertThat(code.usableAt(T0.plus(Duration.ofDays(3650)))).isTrue();
    }

    @Test
    void aDeactivatedCodeIsNotUsable() {
        JoinCode code = JoinCode.unlimited(ID, TENANT, CODE, T0).deactivate();

        assertThat(code.usableAt(T0)).isFalse();
        assertThat(code.reactivate().usableAt(T0)).isTrue();
    }

    @Test
    void isUsableUntilJustBeforeItsExpiry() {
        JoinCode code = JoinCode.issue(ID, TENANT, CODE, T0, T0.plus(Duration.ofHours(1)), null);

        assertThat(code.usableAt(T0.plus(Duration.ofHours(1)).minusNanos(1))).isTrue();
        assertThat(code.usableAt(T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(code.usableAt(T0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void isUsableUntilItsMaxUsesAreSpent() {
        JoinCode code = JoinCode.issue(ID, TENANT, CODE, T0, null, 2);

        JoinCode usedOnce = code.withOneMoreUse();
        JoinCode usedTwice = usedOnce.withOneMoreUse();

        assertThat(usedOnce.usableAt(T0)).isTrue();
        assertThat(usedTwice.uses()).isEqualTo(2);
        assertThat(usedTwice.usableAt(T0)).isFalse();
        assertThat(usedTwice.withOneUseLess().usableAt(T0)).isTrue();
    }

    @Test
    void neverCountsUsesBelowZero() {
        assertThat(JoinCode.unlimited(ID, TENANT, CODE, T0).withOneUseLess().uses()).isZero();
    }

    @Test
    void refusesAnExpiryThatIsNotAfterCreation() {
        assertInvalid(() -> JoinCode.issue(ID, TENANT, CODE, T0, T0, null));
        assertInvalid(() -> JoinCode.issue(ID, TENANT, CODE, T0, T0.minusSeconds(1), null));
    }

    @Test
    void refusesMaxUsesBelowOne() {
        assertInvalid(() -> JoinCode.issue(ID, TENANT, CODE, T0, null, 0));
        assertInvalid(() -> JoinCode.issue(ID, TENANT, CODE, T0, null, -3));
    }
}

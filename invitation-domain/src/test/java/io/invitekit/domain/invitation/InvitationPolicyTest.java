package io.invitekit.domain.invitation;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationPolicyTest {
    private final InvitationPolicy defaults = InvitationPolicy.defaults();

    @Test
    void defaultsToSevenDaysFiveResendsAndAMinuteOfCooldown() {
        assertThat(defaults.defaultTtlDays()).isEqualTo(7);
        assertThat(defaults.maxTtlDays()).isEqualTo(30);
        assertThat(defaults.maxResends()).isEqualTo(5);
        assertThat(defaults.resendCooldown()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void usesTheDefaultLifetimeWhenNoneIsAskedFor() {
        assertThat(defaults.ttlDays(null)).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 14, 30})
    void acceptsALifetimeOfOneToThirtyDays(int days) {
        assertThat(defaults.ttlDays(days)).isEqualTo(days);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 31, 365})
    void refusesOtherLifetimes(int days) {
        assertInvalid(() -> defaults.ttlDays(days));
    }

    @Test
    void aConfiguredDefaultLifetimeIsUsed() {
        assertThat(new InvitationPolicy(3, 10, 5, Duration.ofSeconds(60)).ttlDays(null)).isEqualTo(3);
    }

    @Test
    void refusesAnInconsistentConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InvitationPolicy(0, 30, 5, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvitationPolicy(31, 30, 5, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvitationPolicy(7, 30, -1, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvitationPolicy(7, 30, 5, Duration.ofSeconds(-1)));
    }
}

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

    @Test
    void allowsAResendOnceTheCooldownIsOverAndBelowTheCap() {
        java.time.Instant sent = java.time.Instant.parse("2026-03-01T12:00:00Z");
        defaults.requireResendAllowed(0, sent, sent.plus(defaults.resendCooldown()));
        defaults.requireResendAllowed(defaults.maxResends() - 1, sent, sent.plus(java.time.Duration.ofDays(1)));
    }

    @Test
    void refusesAResendWithinTheCooldownSayingHowLongToWait() {
        java.time.Instant sent = java.time.Instant.parse("2026-03-01T12:00:00Z");
        io.invitekit.domain.shared.RetryLaterException refused = io.invitekit.domain.shared.Refusals.assertRefused(
                () -> defaults.requireResendAllowed(0, sent, sent.plusSeconds(45)),
                io.invitekit.domain.shared.RetryLaterException.class, io.invitekit.domain.shared.ErrorCode.RESEND_TOO_SOON);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(refused.retryAfterSeconds()).isEqualTo(15);
    }

    @Test
    void refusesAResendPastTheCapWhateverTheTime() {
        java.time.Instant sent = java.time.Instant.parse("2026-03-01T12:00:00Z");
        io.invitekit.domain.shared.Refusals.assertRefused(
                () -> defaults.requireResendAllowed(defaults.maxResends(), sent, sent.plus(Duration.ofDays(1))),
                io.invitekit.domain.shared.RuleViolationException.class,
                io.invitekit.domain.shared.ErrorCode.RESEND_LIMIT_REACHED);
    }

    @Test
    void aPolicyWithoutResendsRefusesTheFirst() {
        java.time.Instant sent = java.time.Instant.parse("2026-03-01T12:00:00Z");
        InvitationPolicy none = new InvitationPolicy(7, 30, 0, Duration.ZERO);
        io.invitekit.domain.shared.Refusals.assertRefused(() -> none.requireResendAllowed(0, sent, sent),
                io.invitekit.domain.shared.RuleViolationException.class,
                io.invitekit.domain.shared.ErrorCode.RESEND_LIMIT_REACHED);
    }
}

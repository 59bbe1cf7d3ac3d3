package io.invitekit.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryLaterExceptionTest {

    @Test
    void roundsRetryAfterUpToWholeSeconds() {
        assertThat(retryAfter(Duration.ofMillis(59_001)).retryAfterSeconds()).isEqualTo(60);
        assertThat(retryAfter(Duration.ofSeconds(60)).retryAfterSeconds()).isEqualTo(60);
        assertThat(retryAfter(Duration.ofNanos(1)).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void neverAsksToRetryInLessThanOneSecond() {
        assertThat(retryAfter(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void keepsItsCodeAndExactDuration() {
        RetryLaterException refusal = retryAfter(Duration.ofMillis(1500));

        assertThat(refusal.code()).isEqualTo(ErrorCode.RESEND_TOO_SOON);
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    private static RetryLaterException retryAfter(Duration duration) {
        return new RetryLaterException(ErrorCode.RESEND_TOO_SOON, "wait", duration);
    }
}

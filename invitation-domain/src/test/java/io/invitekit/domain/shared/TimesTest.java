package io.invitekit.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void keepsMicrosecondsAsPostgresDoes() {
        Instant withNanos = Instant.parse("2026-03-01T12:00:00.123456789Z");

        assertThat(Times.now(Clock.fixed(withNanos, ZoneOffset.UTC))).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
        assertThat(Times.truncate(withNanos)).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
        assertThat(Times.truncate(null)).isNull();
    }
}

package io.invitekit.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void makesVersion7UuidsWithTheRfcVariant() {
        UUID id = new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(1)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheClocksMillisecondsInTheTop48Bits() {
        UUID id = new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(1)).next();

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void increasesStrictlyUnderAFixedClockEvenPastTheCounterRange() {
        IdGenerator ids = new IdGenerator(Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(2));

        List<UUID> made = make(ids, 10_000); // more than the 4096 values of the 12-bit counter

        assertStrictlyIncreasing(made);
        assertThat(made).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
    }

    @Test
    void increasesStrictlyWhenTheClockStepsBack() {
        MutableClock clock = new MutableClock(T0);
        IdGenerator ids = new IdGenerator(clock, new SplittableRandom(3));
        List<UUID> made = new ArrayList<>(make(ids, 50));

        clock.set(T0.minus(Duration.ofMinutes(5)));
        made.addAll(make(ids, 50));
        clock.set(T0.minusMillis(1));
        made.addAll(make(ids, 50));

        assertStrictlyIncreasing(made);
    }

    @Test
    void followsTheClockAgainOnceItPassesTheLastTimestamp() {
        MutableClock clock = new MutableClock(T0);
        IdGenerator ids = new IdGenerator(clock, new SplittableRandom(4));
        ids.next();
        clock.set(T0.minusSeconds(10));
        ids.next();

        clock.set(T0.plusSeconds(1));
        UUID later = ids.next();

        assertThat(later.getMostSignificantBits() >>> 16).isEqualTo(T0.plusSeconds(1).toEpochMilli());
    }

    @Test
    void sortsInTheOrderTheClockAdvances() {
        MutableClock clock = new MutableClock(T0);
        IdGenerator ids = new IdGenerator(clock, new SplittableRandom(5));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            made.add(ids.next());
            clock.advance(Duration.ofMillis(1 + (i % 3)));
        }

        assertStrictlyIncreasing(made);
        assertThat(new HashSet<>(made)).hasSize(200);
    }

    @Test
    void needsAClockAndARandomSource() {
        assertThatNullPointerException().isThrownBy(() -> new IdGenerator(null, new SplittableRandom()));
        assertThatNullPointerException().isThrownBy(() -> new IdGenerator(Clock.systemUTC(), null));
    }

    private static List<UUID> make(IdGenerator ids, int count) {
        List<UUID> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(ids.next());
        }
        return made;
    }

    /** Unsigned, as databases and the text form order UUIDs (UUID.compareTo is signed). */
    private static void assertStrictlyIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            UUID previous = ids.get(i - 1);
            UUID current = ids.get(i);
            assertThat(Long.compareUnsigned(current.getMostSignificantBits(), previous.getMostSignificantBits()))
                    .as("id %d (%s) after id %d (%s)", i, current, i - 1, previous)
                    .isPositive();
            assertThat(current.toString()).isGreaterThan(previous.toString());
        }
    }
}

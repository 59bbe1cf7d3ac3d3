package io.invitekit.domain.shared;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Time-ordered UUIDs (RFC 9562 version 7). Ids made by one generator sort in the order they
 * were made, which keyset pagination ("newest first") relies on. The random source must be
 * safe for use by several threads ({@link java.security.SecureRandom} is).
 */
public final class IdGenerator {
    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = Long.MIN_VALUE;
    private int counter;

    public IdGenerator(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public UUID next() {
        long millis;
        int sequence;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = random.nextInt(COUNTER_MAX / 2); // headroom for a burst in one millisecond
            } else if (counter < COUNTER_MAX) {
                counter++; // same millisecond, or the clock stepped back: keep increasing
            } else {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        }
        long high = (millis << 16) | (0x7L << 12) | sequence;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}

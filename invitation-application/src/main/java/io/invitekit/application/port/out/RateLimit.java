package io.invitekit.application.port.out;

import java.time.Duration;
import java.util.Objects;

/** At most {@code permits} per {@code period} for each key; {@code name} keeps buckets of different limits apart. */
public record RateLimit(String name, long permits, Duration period) {
    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit allows at least one permit per positive period");
        }
    }
}

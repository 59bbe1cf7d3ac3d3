package io.invitekit.application.port.out;

import java.time.Duration;
import java.util.Optional;

/** Counts attempts per key. In-memory for one process; in the database for several. */
public interface RateLimiter {
    /** Takes one permit: empty when granted, else how long until one is free again. */
    Optional<Duration> tryAcquire(RateLimit limit, String key);

    /** Gives back a permit that {@link #tryAcquire} took, for an attempt that turned out not to count. */
    void release(RateLimit limit, String key);
}

package io.invitekit.bootstrap.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Asks again and again until a condition holds, or fails at a deadline: the only way these tests wait. */
final class Poll {
    private static final Duration PAUSE = Duration.ofMillis(200);

    private Poll() {
    }

    /** Returns the first non-null answer of {@code check}; fails with {@code what} at the deadline. */
    static <T> T until(String what, Duration within, Callable<T> check) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            T answer = check.call();
            if (answer != null) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(PAUSE.toMillis()); // between two polls only; the condition decides, never the pause
        }
    }
}

package io.invitekit.adapter.jdbi.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Asks again and again until an answer comes, or fails at a deadline: for what only the
 * database's own clock decides (Bucket4j stamps and checks expiry on it), so no clock of the
 * test's can be moved instead.
 */
public final class Poll {
    private static final Duration PAUSE = Duration.ofMillis(20);

    private Poll() {
    }

    /** The first non-null answer of {@code check}; fails naming {@code what} at the deadline. */
    public static <T> T until(String what, Duration within, Callable<T> check) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            T answer = check.call();
            if (answer != null) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(PAUSE.toMillis()); // between two polls only; the answer decides, never the pause
        }
    }
}

package io.invitekit.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work atomically. A call inside another joins the outer transaction; an exception thrown
 * out of {@code work} undoes everything written inside it. Implementations never hop threads.
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}

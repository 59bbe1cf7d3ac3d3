package io.invitekit.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work atomically. A call inside another joins the outer transaction; an exception thrown
 * out of {@code work} undoes everything written inside it. A refusal that a store raises (a
 * unique claim lost, say) dooms the transaction even if the caller catches it: the whole
 * transaction is undone and the refusal rethrown at its end, as PostgreSQL would (refusals
 * documented as never aborting, such as {@link Memberships#add}'s outcomes, are answers, not
 * exceptions). Implementations never hop threads.
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

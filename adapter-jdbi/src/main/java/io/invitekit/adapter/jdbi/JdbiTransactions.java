package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.application.port.out.Transactions;
import java.util.function.Supplier;

/**
 * Database transactions on the calling thread's handle: a call inside another joins it, and an
 * exception out of the outermost call rolls back everything written inside.
 */
final class JdbiTransactions implements Transactions {
    private final Handles handles;

    JdbiTransactions(Handles handles) {
        this.handles = handles;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return handles.inTransaction(work);
    }
}

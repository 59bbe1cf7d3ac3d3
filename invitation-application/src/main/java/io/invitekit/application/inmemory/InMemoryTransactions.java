package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Transactions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Transactions over the in-memory stores: each store records how to undo its writes, and an
 * exception out of the outermost transaction undoes them newest first. Writes are visible to
 * other threads at once (like READ UNCOMMITTED); the invariants come from the stores'
 * conditional writes, as they do in a database.
 */
public final class InMemoryTransactions implements Transactions {
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get(); // joins the outer transaction
        }
        Deque<Runnable> log = new ArrayDeque<>();
        undoLog.set(log);
        try {
            return work.get();
        } catch (RuntimeException | Error failure) {
            while (!log.isEmpty()) {
                log.pop().run();
            }
            throw failure;
        } finally {
            undoLog.remove();
        }
    }

    /** Called by a store after a write; outside a transaction the write simply stands. */
    void onRollback(Runnable undo) {
        Deque<Runnable> log = undoLog.get();
        if (log != null) {
            log.push(undo);
        }
    }
}

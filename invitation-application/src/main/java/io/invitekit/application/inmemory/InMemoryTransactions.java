package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Transactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Transactions over the in-memory stores: each store records how to undo its writes, and an
 * exception out of the outermost transaction undoes them newest first. Writes are visible to
 * other threads at once (like READ UNCOMMITTED); the invariants come from the stores'
 * conditional writes, as they do in a database.
 */
public final class InMemoryTransactions implements Transactions {
    /** The open transaction of a thread: how to undo its writes, and the refusal that doomed it, if any. */
    private static final class Open {
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        RuntimeException doomedBy;
    }

    private final ThreadLocal<Open> current = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get(); // joins the outer transaction
        }
        Open open = new Open();
        current.set(open);
        T result;
        try {
            result = work.get();
            if (open.doomedBy != null) {
                throw open.doomedBy; // a store refused something and the caller went on: undo it all
            }
        } catch (RuntimeException | Error failure) {
            while (!open.undo.isEmpty()) {
                open.undo.pop().run();
            }
            throw failure;
        } finally {
            current.remove();
        }
        open.afterCommit.forEach(Runnable::run); // committed: what these write stands on its own
        return result;
    }

    /** Called by a store after a write; outside a transaction the write simply stands. */
    void onRollback(Runnable undo) {
        Open open = current.get();
        if (open != null) {
            open.undo.push(undo);
        }
    }

    /**
     * Called by a store for what must happen only once the transaction has committed (what a
     * database shows others only then); outside a transaction it runs at once.
     */
    void afterCommit(Runnable action) {
        Open open = current.get();
        if (open == null) {
            action.run();
        } else {
            open.afterCommit.add(action);
        }
    }

    /** Whether the calling thread is inside a transaction. */
    boolean inTransaction() {
        return current.get() != null;
    }

    /** Called by a store that refuses a write: the transaction cannot commit any more. */
    <E extends RuntimeException> E refuse(E refusal) {
        Open open = current.get();
        if (open != null && open.doomedBy == null) {
            open.doomedBy = refusal;
        }
        return refusal;
    }
}

package io.invitekit.adapter.jdbi.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Database access for the adapters: one handle per transaction, bound to the thread that opened
 * it, so that every port called inside {@link #inTransaction} writes through the same
 * connection, and a call inside another joins it. Every failure leaves through
 * {@link StoreExceptions#translate}.
 *
 * <p>A statement that fails inside a transaction dooms it, even when the caller catches the
 * (translated) failure and goes on: PostgreSQL refuses every later statement of such a
 * transaction and may turn its commit into a silent rollback, so the outermost call rolls back
 * and throws that first failure again, on H2 as well, rather than report a commit that did not
 * happen. Refusals that ports promise not to abort the transaction are never statement failures.
 */
public final class Handles {
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String prefix;
    private final boolean configureEachHandle;
    private final ThreadLocal<Transaction> bound = new ThreadLocal<>();

    /** The thread's open transaction and the first statement failure in it, if any. */
    private static final class Transaction {
        final Handle handle;
        RuntimeException doomedBy;

        Transaction(Handle handle) {
            this.handle = handle;
        }
    }

    /**
     * @param prefix              what Invitekit's table names start with ({@link JdbiSetup#PREFIX})
     * @param configureEachHandle {@code true} for a host's {@code Jdbi}: each handle opened is set
     *                            up for Invitekit ({@link JdbiSetup#configure}); {@code false} for
     *                            one made by {@link JdbiSetup#create}, set up once already
     */
    public Handles(Jdbi jdbi, Dialect dialect, String prefix, boolean configureEachHandle) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.prefix = prefix;
        this.configureEachHandle = configureEachHandle;
    }

    /** A new handle, set up for Invitekit's statements. */
    private Handle open() {
        Handle handle = jdbi.open();
        if (!configureEachHandle) {
            return handle;
        }
        try {
            return JdbiSetup.configure(handle, prefix);
        } catch (RuntimeException | Error failure) {
            closeQuietly(handle);
            throw failure;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in the thread's transaction, or in a new one that commits when it returns. */
    public <T> T inTransaction(Supplier<T> work) {
        if (bound.get() != null) {
            return work.get(); // joins: the outermost call commits or rolls back
        }
        Handle handle;
        try {
            handle = open();
        } catch (RuntimeException unreachable) {
            throw StoreExceptions.translate(unreachable);
        }
        Transaction transaction = new Transaction(handle);
        try {
            handle.begin();
            bound.set(transaction);
            T result = work.get();
            if (transaction.doomedBy != null) {
                throw transaction.doomedBy;
            }
            handle.commit();
            return result;
        } catch (RuntimeException | Error failure) {
            rollbackQuietly(handle, failure);
            throw StoreExceptions.translate(failure);
        } finally {
            bound.remove();
            closeQuietly(handle);
        }
    }

    /** One statement, or several that may stand apart: in the thread's transaction, else auto-committed. */
    public <T> T call(Function<Handle, T> work) {
        Transaction current = bound.get();
        if (current != null) {
            return inside(current, work);
        }
        try (Handle handle = open()) {
            return work.apply(handle);
        } catch (RuntimeException failure) {
            throw StoreExceptions.translate(failure);
        }
    }

    /** Several statements that stand or fall together: in the thread's transaction, else in a new one. */
    public <T> T atomically(Function<Handle, T> work) {
        Transaction current = bound.get();
        if (current == null) {
            return inTransaction(() -> work.apply(bound.get().handle));
        }
        return inside(current, work);
    }

    /**
     * Invitekit's SQL with its table prefix written in ({@code <prefix>accounts} becomes
     * {@code invitekit_accounts}): done once, when an adapter starts, for the statements it runs
     * through Jdbi's fluent API ({@link #one}) on hot paths.
     */
    public String render(String sql) {
        return sql.replace("<" + JdbiSetup.PREFIX + ">", prefix);
    }

    /**
     * At most one row of a query {@linkplain #render rendered} once, with {@code ?} parameters
     * bound in order: one statement, no SqlObject attached, the row read by {@code row} by column
     * position. In the thread's transaction, else auto-committed.
     */
    public <T> Optional<T> one(String renderedSql, RowMapper<T> row, Object... parameters) {
        return call(handle -> {
            Query query = handle.createQuery(renderedSql);
            for (int i = 0; i < parameters.length; i++) {
                query.bind(i, parameters[i]);
            }
            return query.map(row).findOne();
        });
    }

    /** Every row of a query {@linkplain #render rendered} once, as {@link #one} reads one. */
    public <T> List<T> list(String renderedSql, RowMapper<T> row, Object... parameters) {
        return call(handle -> {
            Query query = handle.createQuery(renderedSql);
            for (int i = 0; i < parameters.length; i++) {
                query.bind(i, parameters[i]);
            }
            return query.map(row).list();
        });
    }

    /** A SqlObject on the thread's handle, else auto-committed: for single statements. */
    public <S, T> T call(Class<S> sqlObject, Function<S, T> work) {
        return call(handle -> work.apply(handle.attach(sqlObject)));
    }

    /**
     * A transaction of its own on a connection of its own, even when the thread is inside
     * another: for work that must commit at once whatever the caller does afterwards.
     */
    public <T> T inOwnTransaction(Function<Handle, T> work) {
        try {
            try (Handle handle = open()) {
                return handle.inTransaction(work::apply);
            }
        } catch (RuntimeException | Error failure) {
            throw StoreExceptions.translate(failure);
        }
    }

    private static <T> T inside(Transaction transaction, Function<Handle, T> work) {
        try {
            return work.apply(transaction.handle);
        } catch (RuntimeException failure) {
            RuntimeException translated = StoreExceptions.translate(failure);
            if (translated != failure && transaction.doomedBy == null) {
                transaction.doomedBy = translated; // it came from the database: the transaction is spent
            }
            throw translated;
        }
    }

    private static void rollbackQuietly(Handle handle, Throwable failure) {
        try {
            handle.rollback();
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    private static void closeQuietly(Handle handle) {
        try {
            handle.close();
        } catch (RuntimeException ignored) {
            // the connection is going back to the pool, or is already gone: nothing to undo
        }
    }
}

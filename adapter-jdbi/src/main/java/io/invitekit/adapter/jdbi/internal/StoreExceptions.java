package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place where database failures become what the ports promise: a unique violation that
 * a port documents becomes its domain refusal, anything else the database says becomes a
 * {@link StoreUnavailableException}. Nothing of Jdbi, JDBC or Flyway crosses a port.
 *
 * <p>Refusals that must not abort the surrounding transaction never get here: those statements
 * are written as {@code INSERT … ON CONFLICT DO NOTHING} or conditional updates.
 */
public final class StoreExceptions {
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * Unique constraints whose violation is a refusal the ports document, by their names after
     * the table prefix ({@code invitekit_uq_accounts_email}).
     */
    private static final Map<String, Supplier<DomainException>> REFUSALS = Map.of(
            "uq_tenant_invitations_pending_email", () -> new RuleViolationException(ErrorCode.INVITATION_PENDING_EXISTS,
                    "a pending invitation for this email exists"),
            "uq_accounts_email", () -> new RuleViolationException(ErrorCode.EMAIL_TAKEN,
                    "an account with this email exists"));

    private StoreExceptions() {
    }

    /**
     * What to throw in place of {@code failure}. Domain refusals, our own translations and plain
     * programming errors of the caller pass through unchanged.
     */
    public static RuntimeException translate(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof DomainException || failure instanceof StoreUnavailableException) {
            return (RuntimeException) failure;
        }
        SQLException sql = sqlCause(failure);
        boolean fromStore = sql != null || failure instanceof JdbiException || failure instanceof FlywayException;
        if (!fromStore) {
            return failure instanceof RuntimeException runtime ? runtime
                    : new StoreUnavailableException("the database failed: " + failure.getClass().getSimpleName(), failure);
        }
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
            return integrityViolation(sql, failure);
        }
        if (isConnectionFailure(failure, sql)) {
            return new StoreUnavailableException("the database cannot be reached", failure);
        }
        return new StoreUnavailableException("the database answered with a failure"
                + (sql != null && sql.getSQLState() != null ? " (SQLState " + sql.getSQLState() + ")" : ""), failure);
    }

    private static RuntimeException integrityViolation(SQLException sql, Throwable failure) {
        String constraint = constraintName(sql);
        if (UNIQUE_VIOLATION.equals(sql.getSQLState()) && constraint != null) {
            for (Map.Entry<String, Supplier<DomainException>> refusal : REFUSALS.entrySet()) {
                if (names(constraint, refusal.getKey())) {
                    return refusal.getValue().get();
                }
            }
        }
        // Ids, token digests, foreign keys: a collision or a broken reference is the caller's bug.
        return new IllegalStateException("the database refused the write (constraint "
                + (constraint == null ? "unknown" : constraint) + ", SQLState " + sql.getSQLState() + ")", failure);
    }

    /**
     * Whether {@code constraint} is {@code name} after any table prefix, or (on H2) an index that
     * backs it ({@code invitekit_uq_accounts_email_index_8}).
     */
    static boolean names(String constraint, String name) {
        return constraint.endsWith(name) || constraint.contains(name + "_index");
    }

    /**
     * The violated constraint, lower case. PostgreSQL names it; H2 names the index that backs
     * it ({@code "public.uq_accounts_email_index_8 ON public.accounts(email …) VALUES …"}).
     */
    static String constraintName(SQLException sql) {
        if (sql instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            return server == null || server.getConstraint() == null ? null : server.getConstraint().toLowerCase(Locale.ROOT);
        }
        String message = sql.getMessage();
        if (message == null) {
            return null;
        }
        int quote = message.indexOf('"');
        int on = quote < 0 ? -1 : message.indexOf(" ON ", quote);
        if (on < 0) {
            return null;
        }
        String qualified = message.substring(quote + 1, on).toLowerCase(Locale.ROOT);
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static boolean isConnectionFailure(Throwable failure, SQLException sql) {
        if (failure instanceof ConnectionException) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.equals("90067") || state.equals("90098") || state.equals("90121"));
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                return null;
            }
        }
        return null;
    }
}

package io.invitekit.adapter.jdbi.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Connections for schema migrations, which may rewrite a large table: on PostgreSQL they get a
 * generous statement and socket timeout in place of the short ones meant for requests, and give
 * the pool's back when they are closed.
 */
public final class MigrationConnections {
    /** Long enough for any migration; still a bound, so that a start-up on a hung server ends. */
    static final Duration LIMIT = Duration.ofMinutes(30);

    private MigrationConnections() {
    }

    /** {@code pool}, whose connections are lifted to {@link #LIMIT} on PostgreSQL until they are closed. */
    public static DataSource of(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, pool, args);
                    return method.getName().equals("getConnection") ? lifted((Connection) result) : result;
                });
    }

    private static Connection lifted(Connection connection) throws SQLException {
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return connection;
        }
        int networkTimeout = connection.getNetworkTimeout();
        String statementTimeout;
        try (Statement statement = connection.createStatement();
             ResultSet current = statement.executeQuery("SHOW statement_timeout")) {
            current.next();
            statementTimeout = current.getString(1);
            statement.execute("SET statement_timeout = " + LIMIT.toMillis());
            connection.setNetworkTimeout(Runnable::run, (int) LIMIT.toMillis());
        } catch (SQLException | RuntimeException failed) {
            try {
                connection.close(); // back to the pool, which drops it if it is broken
            } catch (SQLException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                        restore(connection, statementTimeout, networkTimeout);
                    }
                    return invoke(method, connection, args);
                });
    }

    private static void restore(Connection connection, String statementTimeout, int networkTimeout) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            try (var statement = connection.prepareStatement("SELECT set_config('statement_timeout', ?, false)")) {
                statement.setString(1, statementTimeout);
                statement.execute();
            }
            connection.setNetworkTimeout(Runnable::run, networkTimeout);
        } catch (SQLException broken) {
            // a broken connection is dropped by the pool, timeouts and all
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }
}

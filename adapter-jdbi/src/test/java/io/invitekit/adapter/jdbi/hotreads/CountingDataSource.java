package io.invitekit.adapter.jdbi.hotreads;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the SQL statements made on its connections (every
 * {@code prepareStatement}, {@code prepareCall} and {@code createStatement}), whatever made them:
 * Jdbi's fluent API, a SqlObject, or plain JDBC.
 */
final class CountingDataSource {
    private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement");

    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource counting;

    CountingDataSource(DataSource real) {
        this.counting = proxy(DataSource.class, real, (method, result) -> method.getName().equals("getConnection")
                ? proxy(Connection.class, (Connection) result, (m, r) -> {
                    if (STATEMENTS.contains(m.getName())) {
                        statements.incrementAndGet();
                    }
                    return r;
                })
                : result);
    }

    DataSource dataSource() {
        return counting;
    }

    /** Statements since the last call, and starts counting again. */
    int take() {
        return statements.getAndSet(0);
    }

    private interface After {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, T real, After after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return after.apply(method, method.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}

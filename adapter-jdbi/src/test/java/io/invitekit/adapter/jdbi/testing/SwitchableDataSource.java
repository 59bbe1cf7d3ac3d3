package io.invitekit.adapter.jdbi.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A data source that can be switched off, like a database that goes down and comes back. */
public final class SwitchableDataSource implements DataSource {
    private final DataSource delegate;
    private final AtomicBoolean down = new AtomicBoolean();

    public SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down.get()) {
            // What HikariCP throws when no connection can be had within its timeout.
            throw new SQLTransientConnectionException("invitekit - Connection is not available, request timed out "
                    + "after 250ms (simulated outage)", "08001");
        }
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}

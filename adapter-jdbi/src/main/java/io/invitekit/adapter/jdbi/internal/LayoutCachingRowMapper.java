package io.invitekit.adapter.jdbi.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A record's {@link ConstructorMapper} that matches columns to constructor parameters once per
 * column layout instead of once per statement. Jdbi specializes a constructor mapper for every
 * result set (reflection on the parameters, name matching); for the few fixed layouts of these
 * adapters that was a fifth of the server's time on a token preview.
 */
final class LayoutCachingRowMapper<T> implements RowMapper<T> {
    private final RowMapper<T> constructor;
    private final ConcurrentMap<List<String>, RowMapper<T>> byLayout = new ConcurrentHashMap<>();

    LayoutCachingRowMapper(Class<T> type) {
        this.constructor = ConstructorMapper.of(type);
    }

    @Override
    public RowMapper<T> specialize(ResultSet results, StatementContext context) throws SQLException {
        ResultSetMetaData meta = results.getMetaData();
        List<String> layout = new ArrayList<>(meta.getColumnCount());
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            layout.add(meta.getColumnLabel(column));
        }
        RowMapper<T> specialized = byLayout.get(layout);
        if (specialized == null) {
            specialized = constructor.specialize(results, context);
            byLayout.putIfAbsent(layout, specialized);
        }
        return specialized;
    }

    @Override
    public T map(ResultSet results, StatementContext context) throws SQLException {
        return specialize(results, context).map(results, context);
    }
}

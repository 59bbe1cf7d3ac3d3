package io.invitekit.adapter.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reading a row by column position, as {@link JdbiSetup}'s column mappers do by name: for the
 * hot reads, whose rows are read without Jdbi matching columns to constructor parameters.
 */
final class Columns {
    private Columns() {
    }

    /** {@code "a, b"} qualified as {@code "t.a, t.b"}. */
    static String qualified(String alias, String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).map(c -> alias + "." + c)
                .collect(Collectors.joining(", "));
    }

    static UUID uuid(ResultSet r, int column) throws SQLException {
        return r.getObject(column, UUID.class);
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Integer integer(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}

package io.invitekit.adapter.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The Jdbi instance the adapters share. Instants travel as {@code OffsetDateTime} in UTC, which
 * both drivers map to {@code timestamp with time zone} without consulting the JVM's time zone;
 * UUIDs travel as themselves ({@code uuid} on both databases). The row records map through their
 * constructors, with the column matching done once per layout ({@link LayoutCachingRowMapper}).
 */
public final class JdbiSetup {
    private JdbiSetup() {
    }

    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerArgument(new UuidArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, new InstantColumnMapper());
        jdbi.registerColumnMapper(UUID.class, new UuidColumnMapper());
        // Registered once for the whole Jdbi (not per SqlObject), so that each mapper and its cache live as long.
        for (Class<?> row : List.of(AccountRow.class, InvitationRow.class, JoinCodeRow.class, MembershipRow.class,
                OutboxRow.class, SessionRow.class, TenantRow.class)) {
            register(jdbi, row);
        }
        return jdbi;
    }

    private static <T> void register(Jdbi jdbi, Class<T> row) {
        jdbi.registerRowMapper(row, new LayoutCachingRowMapper<>(row));
    }

    static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
            return (position, statement, context) -> statement.setObject(position, utc);
        }
    }

    static final class UuidArgumentFactory extends AbstractArgumentFactory<UUID> {
        UuidArgumentFactory() {
            super(Types.OTHER);
        }

        @Override
        protected Argument build(UUID value, ConfigRegistry config) {
            return (position, statement, context) -> statement.setObject(position, value);
        }
    }

    static final class InstantColumnMapper implements ColumnMapper<Instant> {
        @Override
        public Instant map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            OffsetDateTime value = r.getObject(columnNumber, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }

    static final class UuidColumnMapper implements ColumnMapper<UUID> {
        @Override
        public UUID map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            return r.getObject(columnNumber, UUID.class);
        }
    }
}

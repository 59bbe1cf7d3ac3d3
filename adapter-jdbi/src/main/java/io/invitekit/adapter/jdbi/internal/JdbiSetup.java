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
import org.jdbi.v3.core.config.Configurable;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * How Invitekit talks through Jdbi. Instants travel as {@code OffsetDateTime} in UTC, which both
 * drivers map to {@code timestamp with time zone} without consulting the JVM's time zone; UUIDs
 * travel as themselves ({@code uuid} on both databases). The row records map through their
 * constructors, with the column matching done once per layout ({@link LayoutCachingRowMapper}).
 *
 * <p>Split in two so that a host's {@code Jdbi} can carry Invitekit: {@link #registerRowMappers}
 * adds only mappers of Invitekit's own row types to a {@code Jdbi} (via
 * {@code InvitekitJdbiPlugin}); {@link #configure} sets the rest on each handle Invitekit opens
 * from it: the instant and UUID handling, the {@code <prefix>} attribute of its SQL, and Jdbi's
 * default template engine and parser, whatever the host configured for its own statements. A
 * {@code Jdbi} of Invitekit's own ({@link #create}) gets all of it once, for every handle.
 */
public final class JdbiSetup {
    /** The attribute that starts every table name in Invitekit's SQL: {@code FROM <prefix>accounts}. */
    public static final String PREFIX = "prefix";
    private static final TemplateEngine TEMPLATES = new DefinedAttributeTemplateEngine();
    private static final SqlParser PARSER = new ColonPrefixSqlParser();
    private static final InstantArgumentFactory INSTANTS = new InstantArgumentFactory();
    private static final UuidArgumentFactory UUIDS = new UuidArgumentFactory();
    private static final InstantColumnMapper INSTANT_COLUMNS = new InstantColumnMapper();
    private static final UuidColumnMapper UUID_COLUMNS = new UuidColumnMapper();

    private JdbiSetup() {
    }

    /**
     * A {@code Jdbi} of Invitekit's own on {@code dataSource}, set up once for all its handles
     * (what {@link #configure} does to each handle of a host's {@code Jdbi}).
     */
    public static Jdbi create(DataSource dataSource, String prefix) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        registerRowMappers(jdbi);
        return configure(jdbi, prefix);
    }

    /** Registered once for the whole Jdbi (not per SqlObject), so that each mapper and its cache live as long. */
    public static void registerRowMappers(Jdbi jdbi) {
        for (Class<?> row : List.of(AccountRow.class, AuditRow.class, InvitationRow.class, JoinCodeRow.class, MemberInvitationRow.class,
                MembershipRow.class, OutboxRow.class, PasswordResetRow.class, EmailVerificationRow.class, SessionRow.class, TenantRow.class)) {
            register(jdbi, row);
        }
    }

    /**
     * Readies a handle just opened from a host's {@code Jdbi} for Invitekit's statements (or a
     * {@code Jdbi} of Invitekit's own for all of them); changes nothing outside it.
     */
    static <C extends Configurable<C>> C configure(C target, String prefix) {
        target.getConfig(SqlStatements.class).setTemplateEngine(TEMPLATES).setSqlParser(PARSER);
        return target.define(PREFIX, prefix)
                .registerArgument(INSTANTS)
                .registerArgument(UUIDS)
                .registerColumnMapper(Instant.class, INSTANT_COLUMNS)
                .registerColumnMapper(UUID.class, UUID_COLUMNS);
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

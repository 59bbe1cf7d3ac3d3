package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.JdbiSetup;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * What Invitekit's adapters need on a {@link Jdbi}, for a host that hands its own to
 * {@link JdbiStorage#create(Jdbi)} (which installs it too; installing it twice is harmless): Jdbi's
 * SqlObject plugin and the row mappers of Invitekit's own row types. Nothing the host's statements
 * use changes: how Invitekit binds and reads instants and UUIDs, its {@code <prefix>} attribute,
 * its template engine and its SQL parser are set on the handles Invitekit opens, never on the
 * {@code Jdbi}, so the host's own types map as they did.
 */
public final class InvitekitJdbiPlugin extends JdbiPlugin.Singleton {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        JdbiSetup.registerRowMappers(jdbi);
    }
}

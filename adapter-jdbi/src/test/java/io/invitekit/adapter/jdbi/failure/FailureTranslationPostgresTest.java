package io.invitekit.adapter.jdbi.failure;

import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.account.Account;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailureTranslationPostgresTest extends FailureTranslation {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }

    @Override
    protected String unreachableUrl(int closedPort) {
        return "jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres&connectTimeout=1";
    }

    @Test
    void a_connection_killed_in_the_middle_of_a_transaction_is_store_unavailable_and_leaves_nothing() {
        String applicationName = "invitekit-killed-" + UUID.randomUUID();
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(
                DATABASE.url() + "&ApplicationName=" + applicationName, null, null))) {
            JdbiStorage storage = JdbiStorage.create(pool);
            Account first = account(email("killed"));
            Account second = account(email("killed"));

            assertThatThrownBy(() -> storage.transactions().run(() -> {
                storage.accounts().add(first);
                long killed = DATABASE.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM "
                        + "pg_stat_activity WHERE application_name = ?) terminated", applicationName);
                assertThat(killed).isPositive();
                storage.accounts().add(second);
            })).isInstanceOf(StoreUnavailableException.class);

            assertThat(DATABASE.storage().accounts().byId(first.id())).isEmpty();
            assertThat(DATABASE.storage().accounts().byId(second.id())).isEmpty();
            // The pool replaces the dead connection: the same storage works again.
            storage.accounts().add(second);
            assertThat(DATABASE.storage().accounts().byId(second.id())).contains(second);
        }
    }
}

package io.invitekit.adapter.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BesideTheHostPostgresTest extends BesideTheHost {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    /** Several nodes of a cluster start at once on a 0.1 database: one adopts it, all of them start. */
    @Test
    void nodes_starting_at_once_on_a_database_of_0_1_adopt_it_once_and_all_start() throws Exception {
        Legacy legacy = databaseOfRelease01();
        int nodes = 4;
        List<HikariDataSource> pools = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        try {
            CyclicBarrier start = new CyclicBarrier(nodes);
            List<Future<JdbiStorage>> started = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                HikariDataSource pool = Databases.pool(DatabaseSettings.of(database().url()));
                pools.add(pool);
                started.add(threads.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    return JdbiStorage.migrateAndCreate(pool);
                }));
            }
            for (Future<JdbiStorage> node : started) {
                JdbiStorage storage = node.get(120, TimeUnit.SECONDS); // throws what the node's start threw
                assertThat(storage.accounts().byEmail(legacy.admin().email()))
                        .contains(legacy.admin().verifiedAt(legacy.admin().createdAt())); // V7: admins count as verified
            }
        } finally {
            threads.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }
        assertThat(count("SELECT count(*) FROM invitekit_schema_history WHERE version IN ('1', '2', '3')")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM invitekit_accounts")).isEqualTo(1);
    }
}

package io.invitekit.adapter.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.ScratchDatabase;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Nodes starting at once on one fresh PostgreSQL schema all migrate it: one applies the scripts,
 * the others wait for it and find nothing left to do. (Without a lock, a node could find the
 * history table another had just created, still empty, and fail trying to baseline it.)
 */
class NodesMigratingAtOncePostgresTest {
    private static final int NODES = 6;

    @Test
    void everyNodeMigratesAndTheScriptsRunOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (ScratchDatabase database = ScratchDatabase.of(TestDatabase.Kind.POSTGRES)) {
                // Each node has a pool of its own, as separate processes do.
                List<Outcome<Integer>> outcomes = Concurrently.run(NODES, i -> {
                    try (HikariDataSource node = Databases.pool(DatabaseSettings.of(database.url())
                            .withPool(3, Duration.ofSeconds(20)))) {
                        return JdbiStorage.migrate(node);
                    }
                });

                assertThat(outcomes).as("round %d", round).allSatisfy(o -> assertThat(o.failure()).isNull());
                int applied = outcomes.stream().mapToInt(Outcome::value).sum();
                long scripts = Jdbi.create(database.pool()).withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM invitekit_schema_history WHERE version IS NOT NULL AND version <> '0'")
                        .mapTo(Long.class).one());
                assertThat(applied).as("each script applied by exactly one node").isEqualTo(scripts).isPositive();
                assertThat(JdbiStorage.migrate(database.pool())).as("nothing left").isZero();
            }
        }
    }
}

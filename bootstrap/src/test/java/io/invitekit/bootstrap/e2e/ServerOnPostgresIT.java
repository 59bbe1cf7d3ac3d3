package io.invitekit.bootstrap.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** The fat jar on PostgreSQL (a fresh schema), with rate limits shared through the database. */
class ServerOnPostgresIT extends ServerFlows {
    @BeforeAll
    static void requirePostgres() {
        assumeTrue(System.getenv("INVITEKIT_TEST_PG_URL") != null, "INVITEKIT_TEST_PG_URL is not set");
    }

    @Override
    ServerProcess.Database database() {
        return ServerProcess.Database.POSTGRES;
    }
}

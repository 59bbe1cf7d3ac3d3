package io.invitekit.bootstrap.e2e;

/**
 * The fat jar on PostgreSQL (a fresh schema), with rate limits shared through the database.
 * Skipped without {@code INVITEKIT_TEST_PG_URL}, except with CI=true, where it fails.
 */
class ServerOnPostgresIT extends ServerFlows {
    @Override
    ServerProcess.Database database() {
        return ServerProcess.Database.POSTGRES;
    }
}

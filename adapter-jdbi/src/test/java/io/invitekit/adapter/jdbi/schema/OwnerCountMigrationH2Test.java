package io.invitekit.adapter.jdbi.schema;

import io.invitekit.adapter.jdbi.testing.TestDatabase;

class OwnerCountMigrationH2Test extends EmailVerifiedMigration {
    @Override
    protected String createEmptyDatabase() {
        return TestDatabase.freshH2Url().replace(";DB_CLOSE_DELAY=-1", ""); // gone with its last connection
    }

    @Override
    protected void dropDatabase() {
        // the in-memory database closed with the pool
    }
}

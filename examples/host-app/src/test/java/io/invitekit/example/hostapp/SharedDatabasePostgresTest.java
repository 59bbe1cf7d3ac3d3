package io.invitekit.example.hostapp;

class SharedDatabasePostgresTest extends SharedDatabase {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}

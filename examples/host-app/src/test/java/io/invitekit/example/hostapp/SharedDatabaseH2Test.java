package io.invitekit.example.hostapp;

class SharedDatabaseH2Test extends SharedDatabase {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}

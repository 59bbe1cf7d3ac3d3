package io.invitekit.adapter.jdbi.schema;

import io.invitekit.adapter.jdbi.testing.TestDatabase;

class BesideTheHostH2Test extends BesideTheHost {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}

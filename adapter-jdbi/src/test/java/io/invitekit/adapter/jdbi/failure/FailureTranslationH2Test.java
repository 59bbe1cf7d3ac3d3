package io.invitekit.adapter.jdbi.failure;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailureTranslationH2Test extends FailureTranslation {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }

    @Override
    protected String unreachableUrl(int closedPort) {
        return "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:nowhere;MODE=PostgreSQL";
    }
}

package io.invitekit.adapter.jdbi.race;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookRacesH2Test extends WebhookRaces {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}

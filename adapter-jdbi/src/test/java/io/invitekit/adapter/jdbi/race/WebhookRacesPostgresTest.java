package io.invitekit.adapter.jdbi.race;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookRacesPostgresTest extends WebhookRaces {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}

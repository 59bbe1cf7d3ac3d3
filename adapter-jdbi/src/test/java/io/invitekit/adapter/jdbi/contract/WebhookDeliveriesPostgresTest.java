package io.invitekit.adapter.jdbi.contract;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.WebhookDeliveriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookDeliveriesPostgresTest extends WebhookDeliveriesContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected Storage storage() {
        return DATABASE.storage();
    }
}

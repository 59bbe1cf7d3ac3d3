package io.invitekit.adapter.jdbi.contract;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.WebhookEndpointsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookEndpointsH2Test extends WebhookEndpointsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected Storage storage() {
        return DATABASE.storage();
    }
}

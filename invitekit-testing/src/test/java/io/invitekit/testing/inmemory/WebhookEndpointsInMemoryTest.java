package io.invitekit.testing.inmemory;

import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.WebhookEndpointsContract;

class WebhookEndpointsInMemoryTest extends WebhookEndpointsContract {
    private final InMemoryStorage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}

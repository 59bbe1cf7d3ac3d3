package io.invitekit.adapter.jdbi.contract;

import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.out.Storage;

class BootstrapMarkersInMemoryTest extends BootstrapMarkersContract {
    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}

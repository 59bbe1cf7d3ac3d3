package io.invitekit.testing.inmemory;

import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.OutboxContract;

class OutboxInMemoryTest extends OutboxContract {
    private final InMemoryStorage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }

    @Override
    protected Stored stored(OutboxMessageId id) {
        return storage.outbox().all().stream()
                .filter(m -> m.id().equals(id))
                .map(m -> new Stored(m.status().name(), m.secret()))
                .findFirst().orElseThrow();
    }
}

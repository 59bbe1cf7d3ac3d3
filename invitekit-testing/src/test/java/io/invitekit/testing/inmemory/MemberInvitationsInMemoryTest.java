package io.invitekit.testing.inmemory;

import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.MemberInvitationsContract;

class MemberInvitationsInMemoryTest extends MemberInvitationsContract {
    private final Storage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}

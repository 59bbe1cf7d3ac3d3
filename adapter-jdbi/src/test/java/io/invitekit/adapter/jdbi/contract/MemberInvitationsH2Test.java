package io.invitekit.adapter.jdbi.contract;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.MemberInvitationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemberInvitationsH2Test extends MemberInvitationsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected Storage storage() {
        return DATABASE.storage();
    }
}

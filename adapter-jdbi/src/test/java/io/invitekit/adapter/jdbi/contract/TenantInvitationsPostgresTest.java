package io.invitekit.adapter.jdbi.contract;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.TenantInvitationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class TenantInvitationsPostgresTest extends TenantInvitationsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected Storage storage() {
        return DATABASE.storage();
    }
}

package io.invitekit.adapter.jdbi.contract;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.Storage;
import io.invitekit.testing.contract.OutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxPostgresTest extends OutboxContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected Storage storage() {
        return DATABASE.storage();
    }

    @Override
    protected Stored stored(OutboxMessageId id) {
        return DATABASE.jdbi().withHandle(handle -> handle
                .createQuery("SELECT status, secret FROM invitekit_outbox_messages WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Stored(rs.getString("status"), rs.getString("secret")))
                .one());
    }
}

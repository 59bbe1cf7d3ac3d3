package io.invitekit.application.port.out;

import io.invitekit.domain.shared.Identifier;
import java.util.UUID;

public record OutboxMessageId(UUID value) implements Identifier {
    public OutboxMessageId {
        Identifier.require(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

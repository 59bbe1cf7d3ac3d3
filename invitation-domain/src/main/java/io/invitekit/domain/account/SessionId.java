package io.invitekit.domain.account;

import io.invitekit.domain.shared.Identifier;
import java.util.Optional;
import java.util.UUID;

public record SessionId(UUID value) implements Identifier {
    public SessionId {
        Identifier.require(value);
    }

    public static Optional<SessionId> parse(String text) {
        return Identifier.parse(text).map(SessionId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

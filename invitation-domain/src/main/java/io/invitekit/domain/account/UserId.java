package io.invitekit.domain.account;

import io.invitekit.domain.shared.Identifier;
import java.util.Optional;
import java.util.UUID;

public record UserId(UUID value) implements Identifier {
    public UserId {
        Identifier.require(value);
    }

    public static Optional<UserId> parse(String text) {
        return Identifier.parse(text).map(UserId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

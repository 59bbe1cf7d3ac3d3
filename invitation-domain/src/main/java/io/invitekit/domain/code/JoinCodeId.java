package io.invitekit.domain.code;

import io.invitekit.domain.shared.Identifier;
import java.util.Optional;
import java.util.UUID;

public record JoinCodeId(UUID value) implements Identifier {
    public JoinCodeId {
        Identifier.require(value);
    }

    public static Optional<JoinCodeId> parse(String text) {
        return Identifier.parse(text).map(JoinCodeId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

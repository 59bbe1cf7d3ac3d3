package io.invitekit.domain.invitation;

import io.invitekit.domain.shared.Identifier;
import java.util.Optional;
import java.util.UUID;

public record InvitationId(UUID value) implements Identifier {
    public InvitationId {
        Identifier.require(value);
    }

    public static Optional<InvitationId> parse(String text) {
        return Identifier.parse(text).map(InvitationId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

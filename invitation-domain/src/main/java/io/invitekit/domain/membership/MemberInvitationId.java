package io.invitekit.domain.membership;

import io.invitekit.domain.shared.Identifier;
import java.util.Optional;
import java.util.UUID;

public record MemberInvitationId(UUID value) implements Identifier {
    public MemberInvitationId {
        Identifier.require(value);
    }

    public static Optional<MemberInvitationId> parse(String text) {
        return Identifier.parse(text).map(MemberInvitationId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

package io.invitekit.domain.account;

import io.invitekit.domain.shared.Identifier;
import java.util.UUID;

public record EmailVerificationId(UUID value) implements Identifier {
    public EmailVerificationId {
        Identifier.require(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

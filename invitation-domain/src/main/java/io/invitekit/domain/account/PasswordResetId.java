package io.invitekit.domain.account;

import io.invitekit.domain.shared.Identifier;
import java.util.UUID;

public record PasswordResetId(UUID value) implements Identifier {
    public PasswordResetId {
        Identifier.require(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

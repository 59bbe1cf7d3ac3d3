package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.Identifier;
import java.util.Optional;
import java.util.UUID;

public record TenantId(UUID value) implements Identifier {
    public TenantId {
        Identifier.require(value);
    }

    public static Optional<TenantId> parse(String text) {
        return Identifier.parse(text).map(TenantId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

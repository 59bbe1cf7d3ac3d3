package io.invitekit.domain.tenant;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The platform permissions granted; every permission not in the set is denied. */
public record Permissions(Set<PlatformPermission> granted) {
    public static final Permissions NONE = new Permissions(Set.of());

    public Permissions {
        granted = granted.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(granted));
    }

    public static Permissions of(PlatformPermission... permissions) {
        return new Permissions(Set.of(permissions));
    }

    public boolean has(PlatformPermission permission) {
        return granted.contains(permission);
    }

}

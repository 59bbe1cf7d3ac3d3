package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** From the wire form: names to booleans, missing names denied, unknown names refused. */
    public static Permissions fromWire(Map<String, Boolean> flags) {
        if (flags == null) {
            return NONE;
        }
        EnumSet<PlatformPermission> granted = EnumSet.noneOf(PlatformPermission.class);
        flags.forEach((name, on) -> {
            PlatformPermission permission = PlatformPermission.fromWireName(name)
                    .orElseThrow(() -> new InvalidValueException("unknown permission \"" + name + "\""));
            if (Boolean.TRUE.equals(on)) {
                granted.add(permission);
            }
        });
        return new Permissions(granted);
    }

    public boolean has(PlatformPermission permission) {
        return granted.contains(permission);
    }

    /** Every known permission mapped to whether it is granted. */
    public Map<String, Boolean> toWire() {
        Map<String, Boolean> wire = new LinkedHashMap<>();
        for (PlatformPermission p : PlatformPermission.values()) {
            wire.put(p.wireName(), granted.contains(p));
        }
        return wire;
    }
}

package io.invitekit.application.inmemory;

import java.util.Comparator;
import java.util.UUID;

/** UUIDs in the order databases sort them (unsigned, byte by byte), newest first for time-ordered ids. */
final class Uuids {
    static final Comparator<UUID> ASCENDING = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    static final Comparator<UUID> NEWEST_FIRST = ASCENDING.reversed();

    private Uuids() {
    }

    /** Whether {@code id} comes after {@code cursor} in newest-first order (a null cursor admits all). */
    static boolean after(UUID id, UUID cursor) {
        return cursor == null || ASCENDING.compare(id, cursor) < 0;
    }
}

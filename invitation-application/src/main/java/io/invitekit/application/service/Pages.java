package io.invitekit.application.service;

import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pagination over time-ordered ids: a cursor is the last id of the page before, encoded
 * so that callers treat it as opaque.
 */
final class Pages {
    private Pages() {
    }

    record Slice(UUID after, int limit) {
        /** One more than shown, to learn whether another page follows. */
        int fetchSize() {
            return limit + 1;
        }
    }

    static Slice parse(PageRequest request, FieldErrors inputs) {
        PageRequest page = request == null ? PageRequest.first() : request;
        int limit = limit(page, PageRequest.MAX_LIMIT, inputs);
        UUID after = null;
        if (page.cursor() != null && !page.cursor().isEmpty()) {
            after = decode(page.cursor());
            if (after == null) {
                badCursor(inputs);
            }
        }
        return new Slice(after, limit);
    }

    /** The page size asked for (the default when none), refused past {@code max}. */
    static int limit(PageRequest page, int max, FieldErrors inputs) {
        if (page.limit() == null) {
            return Math.min(PageRequest.DEFAULT_LIMIT, max);
        }
        if (page.limit() < 1 || page.limit() > max) {
            inputs.add("limit", "must be between 1 and " + max);
            return Math.min(PageRequest.DEFAULT_LIMIT, max);
        }
        return page.limit();
    }

    static void badCursor(FieldErrors inputs) {
        inputs.add("cursor", "is not a cursor this list gave out");
    }

    /** A cursor for lists ordered by a time, then an id: the last item's. */
    static String encode(Instant at, UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(28).putLong(at.getEpochSecond()).putInt(at.getNano())
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The time and id of {@link #encode(Instant, UUID)}, or null for anything it did not give out. */
    static Map.Entry<Instant, UUID> decodeTimed(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length != 28) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long seconds = buffer.getLong();
            int nanos = buffer.getInt();
            if (nanos < 0 || nanos > 999_999_999) {
                return null;
            }
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            return Map.entry(at, new UUID(buffer.getLong(), buffer.getLong()));
        } catch (IllegalArgumentException | java.time.DateTimeException notOurs) {
            return null;
        }
    }

    static <T, V> Page<V> page(List<T> fetched, Slice slice, Function<T, UUID> id, Function<List<T>, List<V>> view) {
        boolean more = fetched.size() > slice.limit();
        List<T> shown = more ? fetched.subList(0, slice.limit()) : fetched;
        String next = more ? encode(id.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(view.apply(shown), next);
    }

    static String encode(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static UUID decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length != 16) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}

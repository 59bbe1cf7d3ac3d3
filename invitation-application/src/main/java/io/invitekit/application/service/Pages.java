package io.invitekit.application.service;

import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
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

    static Slice parse(PageRequest request, Inputs inputs) {
        PageRequest page = request == null ? PageRequest.first() : request;
        int limit = PageRequest.DEFAULT_LIMIT;
        if (page.limit() != null) {
            if (page.limit() < 1 || page.limit() > PageRequest.MAX_LIMIT) {
                inputs.fail("limit", "must be between 1 and " + PageRequest.MAX_LIMIT, io.invitekit.domain.shared.ErrorCode.VALIDATION_FAILED);
            } else {
                limit = page.limit();
            }
        }
        UUID after = null;
        if (page.cursor() != null && !page.cursor().isEmpty()) {
            after = decode(page.cursor());
            if (after == null) {
                inputs.fail("cursor", "is not a cursor this list gave out", io.invitekit.domain.shared.ErrorCode.VALIDATION_FAILED);
            }
        }
        return new Slice(after, limit);
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

package io.invitekit.application.service;

import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The prefix searches of the admin lists: the search text a person typed, checked, and keyset
 * pages whose cursor is the last row's key and id (see {@link PrefixSearch}), opaque to callers.
 */
final class Searches {
    private Searches() {
    }

    /**
     * The search text without surrounding blanks, or null when none was given (null or empty).
     *
     * @throws RuleViolationException {@code invalid_search} for blank text, more than {@code max}
     *         characters, or control characters
     */
    static String text(String raw, int max) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            throw invalid("the search text is blank");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw invalid("the search text has more than " + max + " characters");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.UNASSIGNED && c > 0xFFFF)) {
            throw invalid("the search text holds control characters");
        }
        return text;
    }

    private static RuleViolationException invalid(String message) {
        return new RuleViolationException(ErrorCode.INVALID_SEARCH, message);
    }

    /** The page size asked for (see {@link Pages#limit}) and where the page before ended, if anywhere. */
    record Slice(PrefixSearch.Position after, int limit) {
        int fetchSize() {
            return limit + 1;
        }
    }

    static Slice parse(PageRequest request, FieldErrors inputs) {
        PageRequest page = request == null ? PageRequest.first() : request;
        int limit = Pages.limit(page, PageRequest.MAX_LIMIT, inputs);
        PrefixSearch.Position after = null;
        if (page.cursor() != null && !page.cursor().isEmpty()) {
            after = decode(page.cursor());
            if (after == null) {
                Pages.badCursor(inputs);
            }
        }
        return new Slice(after, limit);
    }

    static <T, V> Page<V> page(List<PrefixSearch.Found<T>> found, Slice slice, Function<T, UUID> id,
                               Function<List<T>, List<V>> view) {
        boolean more = found.size() > slice.limit();
        List<PrefixSearch.Found<T>> shown = more ? found.subList(0, slice.limit()) : found;
        String next = null;
        if (more) {
            PrefixSearch.Found<T> last = shown.get(shown.size() - 1);
            next = encode(new PrefixSearch.Position(last.key(), id.apply(last.item())));
        }
        return new Page<>(view.apply(shown.stream().map(PrefixSearch.Found::item).toList()), next);
    }

    static String encode(PrefixSearch.Position position) {
        byte[] key = position.key().getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(16 + key.length).putLong(position.id().getMostSignificantBits())
                .putLong(position.id().getLeastSignificantBits()).put(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The position {@link #encode} gave out, or null for anything else. */
    static PrefixSearch.Position decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length <= 16) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            UUID id = new UUID(buffer.getLong(), buffer.getLong());
            CharBuffer key = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer);
            return new PrefixSearch.Position(key.toString(), id);
        } catch (IllegalArgumentException | CharacterCodingException notOurs) {
            return null;
        }
    }
}

package io.invitekit.application.port.out;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A case-insensitive prefix search of an admin list, a keyset page at a time. Each stored value
 * searched has a <em>key</em>: its text lower-cased ({@link #key}). A row is found when one of its
 * keys starts with {@code prefix} (itself a key), and results come ordered by the key that found
 * them (compared by code point, as PostgreSQL's {@code "C"} collation does), then by id
 * ascending: the order an index on {@code (key, id)} holds, so a page costs the same however
 * many rows the table has. {@code after} is where the page before ended.
 */
public record PrefixSearch(String prefix, Position after, int limit) {
    /** Key order: code point by code point, then ids as databases compare them (unsigned). */
    public static final Comparator<Position> ORDER = Comparator.comparing(Position::key, PrefixSearch::compareKeys)
            .thenComparing(Position::id, (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            });

    public PrefixSearch {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || !prefix.equals(key(prefix))) {
            throw new IllegalArgumentException("a search prefix is a non-empty key (lower case)");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** The key of a value: lower case, independent of the default locale; null for null. */
    public static String key(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** Whether a key (null: no value) starts with the prefix. */
    public boolean matches(String key) {
        return key != null && key.startsWith(prefix);
    }

    /** Whether a row found by {@code key} comes after the page before. */
    public boolean isAfterCursor(String key, UUID id) {
        return after == null || ORDER.compare(new Position(key, id), after) > 0;
    }

    /**
     * The least key greater than every key that starts with the prefix (the last code point one
     * higher), or null when there is none: with {@code key >= prefix} it bounds an index range.
     */
    public String upperBound() {
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
            next = Character.MAX_SURROGATE + 1;
        }
        if (next > Character.MAX_CODE_POINT) {
            return null;
        }
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }

    private static int compareKeys(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** Where a page ended: the key that found its last row, and that row's id. */
    public record Position(String key, UUID id) {
        public Position {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A row found, with the key that found it (the next page's cursor is built from the last one). */
    public record Found<T>(T item, String key) {
    }
}

package io.invitekit.domain.shared;

/**
 * A person's or a business's name: 1–100 characters after trimming, any script, emoji kept,
 * but no control characters and no bidirectional overrides (they can disguise what a name says).
 */
public record Name(String value) {
    public static final int MAX_LENGTH = 100;

    public Name {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("a name is required");
        }
        value = value.strip();
        if (value.codePoints().allMatch(Name::showsNothing)) {
            throw new InvalidValueException("a name is required");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException("a name has at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasUnsafe(value)) {
            throw new InvalidValueException("a name may not contain control or text-direction characters");
        }
    }

    /** No-break spaces and format characters such as U+200B, which {@link String#isBlank()} lets through. */
    private static boolean showsNothing(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }

    public static Name of(String raw) {
        return new Name(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.invitekit.domain.code;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A short join code in Crockford base32, held in normalized form ({@code A7BX9PQ2}) and shown in
 * two groups ({@code A7BX-9PQ2}).
 */
public record InviteCode(String value) {
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 12;
    public static final int DEFAULT_LENGTH = 8;

    public InviteCode {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw malformed();
        }
    }

    /**
     * What a person typed, in the form codes are compared in: NFKC, whitespace and dashes removed,
     * upper case, {@code O → 0} and {@code I, L → 1}. Idempotent. The result may still be
     * malformed; {@link #parse} tells.
     */
    public static String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        // Removing a separator can bring together characters that NFKC then composes, and NFKC
        // can produce new spaces (U+00A8 → " \u0308"): repeat until nothing changes.
        String current = typed;
        for (int round = 0; round < 16; round++) {
            String next = normalizeOnce(current);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    private static String normalizeOnce(String text) {
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(compatible.length());
        compatible.codePoints()
                .filter(cp -> !isSeparator(cp))
                .forEach(out::appendCodePoint);
        String upper = Normalizer.normalize(out.toString().toUpperCase(Locale.ROOT), Normalizer.Form.NFKC);
        StringBuilder mapped = new StringBuilder(upper.length());
        upper.codePoints().filter(cp -> !isSeparator(cp)).forEach(cp -> mapped.appendCodePoint(switch (cp) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            default -> cp;
        }));
        return mapped.toString();
    }

    private static boolean isSeparator(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.DASH_PUNCTUATION
                || cp == '\u2212'; // MINUS SIGN, a math symbol that people type as a dash
    }

    /** A code as typed by a person, of any length 6–12. */
    public static InviteCode parse(String typed) {
        return new InviteCode(normalize(typed));
    }

    /** A code as typed by a person, which must have the configured length. */
    public static InviteCode parse(String typed, int expectedLength) {
        InviteCode code = parse(typed);
        if (code.value.length() != expectedLength) {
            throw malformed();
        }
        return code;
    }

    public static InviteCode generate(int length, RandomGenerator random) {
        requireLength(length);
        char[] symbols = new char[length];
        for (int i = 0; i < length; i++) {
            symbols[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new InviteCode(new String(symbols));
    }

    public static int requireLength(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a join code has " + MIN_LENGTH + " to " + MAX_LENGTH + " symbols");
        }
        return length;
    }

    /** Two groups, the first the longer when the length is odd: {@code A7BX-9PQ2}, {@code A7B-X9P}. */
    public String display() {
        int split = (value.length() + 1) / 2;
        return value.substring(0, split) + "-" + value.substring(split);
    }

    private static InvalidValueException malformed() {
        return new InvalidValueException(ErrorCode.MALFORMED_CODE,
                "a join code has " + MIN_LENGTH + " to " + MAX_LENGTH + " letters and digits, like A7BX-9PQ2");
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's DNS label. Only syntax is checked here; whether a label is reserved or taken is
 * decided by {@link SubdomainPolicy} and the store.
 */
public record Subdomain(String value) {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 63;

    /** Letters that have no accent to strip but a customary Latin spelling. */
    private static final Map<Integer, String> TRANSLITERATIONS = Map.of(
            (int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o", (int) 'đ', "d",
            (int) 'ł', "l", (int) 'þ', "th", (int) 'ð', "d", (int) 'ı', "i");

    public Subdomain {
        if (value == null) {
            throw invalid("a subdomain is required");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw invalid("a subdomain has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(Subdomain::isLabelChar)) {
            throw invalid("a subdomain holds only a-z, 0-9 and -");
        }
        if (value.startsWith("-") || value.endsWith("-")) {
            throw invalid("a subdomain does not start or end with -");
        }
        if (value.startsWith("xn--")) {
            throw invalid("a subdomain may not start with xn--");
        }
    }

    public static Subdomain of(String raw) {
        return new Subdomain(raw);
    }

    /**
     * A subdomain derived from a business name: accents stripped, a few letters spelled out
     * ({@code ß → ss}), everything else a hyphen, runs collapsed, trimmed and cut to 63.
     *
     * @throws InvalidValueException ({@code invalid_subdomain}) when fewer than three usable
     *                               characters remain, as with a name in a non-Latin script
     */
    public static Subdomain suggestFrom(String name) {
        if (name == null) {
            throw invalid("no name to suggest a subdomain from");
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder label = new StringBuilder(Math.min(decomposed.length(), 256));
        boolean lastWasHyphen = true; // so that leading separators vanish
        for (int i = 0; i < decomposed.length() && label.length() <= MAX_LENGTH; ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue; // an accent: dropped, its base letter stays
            }
            String spelled = spell(Character.toLowerCase(cp));
            if (spelled == null) {
                if (!lastWasHyphen) {
                    label.append('-');
                    lastWasHyphen = true;
                }
            } else {
                label.append(spelled);
                lastWasHyphen = false;
            }
        }
        String result = trimHyphens(label.length() > MAX_LENGTH ? label.substring(0, MAX_LENGTH) : label.toString());
        if (result.length() < MIN_LENGTH) {
            throw invalid("too few letters or digits in \"" + name.strip() + "\" to suggest a subdomain");
        }
        return new Subdomain(result);
    }

    /** This label with {@code -n} appended, cut so that the result still fits in 63 characters. */
    public Subdomain withSuffix(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("suffixes start at 2");
        }
        String suffix = "-" + n;
        String base = value.length() + suffix.length() > MAX_LENGTH
                ? trimHyphens(value.substring(0, MAX_LENGTH - suffix.length()))
                : value;
        return new Subdomain(base + suffix);
    }

    private static String spell(int lowerCodePoint) {
        if ((lowerCodePoint >= 'a' && lowerCodePoint <= 'z') || (lowerCodePoint >= '0' && lowerCodePoint <= '9')) {
            return Character.toString(lowerCodePoint);
        }
        return TRANSLITERATIONS.get(lowerCodePoint);
    }

    private static String trimHyphens(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isLabelChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException(ErrorCode.INVALID_SUBDOMAIN, message);
    }

    @Override
    public String toString() {
        return value;
    }
}

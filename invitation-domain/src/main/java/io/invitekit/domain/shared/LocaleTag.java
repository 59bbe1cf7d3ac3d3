package io.invitekit.domain.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A language people read pages and emails in, as its BCP 47 primary language subtag in lower case
 * ({@code en}, {@code de}). Which ones a deployment offers is the application's to say (its
 * settings); this value only guarantees the form.
 */
public record LocaleTag(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z]{2,3}");

    public static final LocaleTag ENGLISH = new LocaleTag("en");
    public static final LocaleTag GERMAN = new LocaleTag("de");

    public LocaleTag {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidValueException("a locale is a language code of two or three lower-case letters, like en");
        }
    }

    /**
     * The tag a text names ({@code "de"}, {@code "DE"}, {@code "de-AT"} are all {@code de}).
     *
     * @throws InvalidValueException when it names no language
     */
    public static LocaleTag parse(String text) {
        if (text == null) {
            throw new InvalidValueException("a locale is required");
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-') >= 0 ? lower.indexOf('-') : lower.indexOf('_');
        return new LocaleTag(dash > 0 ? lower.substring(0, dash) : lower);
    }

    public Locale toLocale() {
        return Locale.forLanguageTag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

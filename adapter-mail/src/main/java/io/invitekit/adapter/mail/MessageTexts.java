package io.invitekit.adapter.mail;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * The wording of the emails in one locale, from {@code messages*.properties} next to this class:
 * a new language is a new file. Texts name their values as {@code {platform}}; values are put in
 * as they are and never read as placeholders themselves.
 */
final class MessageTexts {
    static final String BUNDLE = "io.invitekit.adapter.mail.messages";
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[a-z_]+");

    private final Locale locale;
    private final ResourceBundle bundle;

    MessageTexts(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: a locale without its own file reads the base file.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, MessageTexts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Locale locale() {
        return locale;
    }

    String text(String key) {
        return text(key, Map.of());
    }

    String text(String key, Map<String, String> values) {
        return fill(key, raw(key), values);
    }

    /** The text under {@code key}, or {@code fallback} when no file has it. */
    String textOr(String key, String fallback) {
        return bundle.containsKey(key) ? raw(key) : fallback;
    }

    /**
     * The plural form of {@code key} for {@code count}: {@code key.one} or {@code key.other}, as
     * the locale's plural rule says (CLDR's rule for English and German: one is exactly 1; for
     * French, 0 and 1). Languages with more forms would add theirs here.
     */
    String plural(String key, long count, Map<String, String> values) {
        String form = key + "." + pluralCategory(count);
        return text(bundle.containsKey(form) ? form : key + ".other", values);
    }

    private String pluralCategory(long count) {
        boolean one = "fr".equals(locale.getLanguage()) ? count == 0 || count == 1 : count == 1;
        return one ? "one" : "other";
    }

    String number(int value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    private String raw(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException missing) {
            throw Rendering.failed("no text " + key + " in " + BUNDLE + " for " + locale);
        }
    }

    private static String fill(String key, String pattern, Map<String, String> values) {
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int from = 0;
        while (from < pattern.length()) {
            int open = pattern.indexOf('{', from);
            int close = open < 0 ? -1 : pattern.indexOf('}', open);
            if (close < 0) {
                out.append(pattern, from, pattern.length());
                break;
            }
            String name = pattern.substring(open + 1, close);
            if (!PLACEHOLDER_NAME.matcher(name).matches()) { // a literal brace
                out.append(pattern, from, open + 1);
                from = open + 1;
                continue;
            }
            String value = values.get(name);
            if (value == null) {
                throw Rendering.failed("the text " + key + " uses {" + name + "}, which this email does not have");
            }
            out.append(pattern, from, open).append(value);
            from = close + 1;
        }
        return out.toString();
    }
}

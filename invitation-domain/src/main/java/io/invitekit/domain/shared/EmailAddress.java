package io.invitekit.domain.shared;

import java.util.Locale;

/**
 * An email address in canonical form: trimmed and lower-cased, so that equality is the
 * case-insensitive comparison the product promises everywhere.
 */
public record EmailAddress(String value) {
    public static final int MAX_LENGTH = 254;
    private static final String LOCALHOST = "localhost";
    private static final String SPECIALS = "()<>[]\\,;:\"";

    public EmailAddress {
        if (value == null) {
            throw new InvalidValueException("an email address is required");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw new InvalidValueException("an email address is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("an email address has at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidValueException("an email address contains no spaces or control characters");
        }
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            throw new InvalidValueException("an email address has exactly one @ between a name and a domain");
        }
        String local = value.substring(0, at);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidValueException("the name part of an email address does not start or end with a dot, nor hold two in a row");
        }
        if (value.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0)) {
            // These need quoting in a mail header; an address that needs quoting is not one we accept.
            throw new InvalidValueException("an email address holds none of ( ) < > [ ] \\ , ; : \"");
        }
        String domain = value.substring(at + 1);
        // "localhost" is allowed as it is: the bundled server's first admin is admin@localhost.
        boolean dotted = domain.contains(".") || domain.equals(LOCALHOST);
        if (!dotted || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            throw new InvalidValueException("the domain of an email address has a dot between non-empty labels");
        }
    }

    public static EmailAddress of(String raw) {
        return new EmailAddress(raw);
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}

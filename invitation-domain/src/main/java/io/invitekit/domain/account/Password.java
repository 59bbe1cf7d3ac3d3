package io.invitekit.domain.account;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.InvalidValueException;
import java.text.Normalizer;

/**
 * A password as typed, checked against the policy: 8–128 characters and not the account's own
 * email. It is never trimmed (spaces are characters) and {@link #toString()} hides it. What is
 * hashed and checked is its {@link #normalized()} form, so that one password typed on keyboards
 * that compose characters differently is one password.
 */
public final class Password {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final String value;

    private Password(String value) {
        this.value = value;
    }

    public static Password forAccount(String raw, EmailAddress email) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException("a password is required");
        }
        int length = raw.codePointCount(0, raw.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidValueException("a password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (email != null && raw.strip().equalsIgnoreCase(email.value())) {
            throw new InvalidValueException("a password may not be the email address");
        }
        return new Password(raw);
    }

    /**
     * A password presented at log-in: only its presence and an upper bound are checked, so a
     * policy change never locks anybody out and the answer does not tell which rule failed.
     */
    public static Password presented(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 4 * MAX_LENGTH) {
            throw new InvalidValueException("a password is required");
        }
        return new Password(raw);
    }

    /**
     * This password in Unicode normalization form NFKC, as NIST SP 800-63B asks before hashing:
     * "é" typed as one code point or as "e" and a combining accent, or a fullwidth "１" and an
     * ASCII "1", become the same characters. The policy checks in {@link #forAccount} apply to
     * the password as typed.
     *
     * @return this password when it is in NFKC already, else its NFKC form
     */
    public Password normalized() {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
        return nfkc.equals(value) ? this : new Password(nfkc);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}

package io.invitekit.domain.shared;

/** A phone number as typed: up to 32 characters of digits, spaces and {@code +-().}. */
public record Phone(String value) {
    public static final int MAX_LENGTH = 32;

    public Phone {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("a phone number is required");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("a phone number has at most " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> (c >= '0' && c <= '9') || c == ' ' || "+-().".indexOf(c) >= 0)
                || value.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("a phone number holds digits, spaces and + - ( ) . only");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

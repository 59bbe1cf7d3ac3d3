package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;

/** A ceiling on a count: a positive number, or unlimited ({@code max == null}). */
public record Limit(Integer max) {
    public static final Limit UNLIMITED = new Limit(null);

    public Limit {
        if (max != null && max < 1) {
            throw new InvalidValueException("a limit is at least 1");
        }
    }

    public static Limit of(int max) {
        return new Limit(max);
    }

    public boolean isUnlimited() {
        return max == null;
    }

    /** Whether one more fits when {@code current} are already counted. */
    public boolean admitsAnother(long current) {
        return max == null || current < max;
    }
}

package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;

/** Limits set for one invitation in place of its tier's; {@code null} keeps the tier default. */
public record CustomLimits(Integer maxUsers, Integer maxResources) {
    public static final int MIN = 1;
    public static final int MAX = 1_000_000;
    public static final CustomLimits NONE = new CustomLimits(null, null);

    public CustomLimits {
        check(maxUsers, "custom max users");
        check(maxResources, "custom max resources");
    }

    private static void check(Integer value, String what) {
        if (value != null && (value < MIN || value > MAX)) {
            throw new InvalidValueException(what + " must be between " + MIN + " and " + MAX);
        }
    }
}

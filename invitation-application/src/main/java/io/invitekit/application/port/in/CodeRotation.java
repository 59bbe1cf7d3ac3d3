package io.invitekit.application.port.in;

/**
 * How long a new join code lives and how often it may be used; both optional (null: no limit).
 *
 * <pre>{@code CodeRotation.unlimited()  ·  CodeRotation.limits().validForHours(48).maxUses(10).build()}</pre>
 */
public record CodeRotation(Integer validForHours, Integer maxUses) {
    public static final int MAX_VALID_HOURS = 24 * 365;
    public static final int MAX_USES = 1_000_000;

    /** A code that lives until the next rotation and may be used any number of times. */
    public static CodeRotation unlimited() {
        return new CodeRotation(null, null);
    }

    public static Builder limits() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().validForHours(validForHours).maxUses(maxUses);
    }

    public static final class Builder {
        private Integer validForHours;
        private Integer maxUses;

        private Builder() {
        }

        public Builder validForHours(Integer hours) {
            validForHours = hours;
            return this;
        }

        public Builder maxUses(Integer uses) {
            maxUses = uses;
            return this;
        }

        /** @throws io.invitekit.domain.shared.ValidationException for a value out of range */
        public CodeRotation build() {
            FieldErrors errors = new FieldErrors();
            CodeRotation built = build(errors);
            errors.throwIfAny();
            return built;
        }

        /** Records refusals in {@code errors}; the result then lacks the refused values. */
        public CodeRotation build(FieldErrors errors) {
            return new CodeRotation(range(errors, "validForHours", validForHours, MAX_VALID_HOURS, "valid for hours"),
                    range(errors, "maxUses", maxUses, MAX_USES, "max uses"));
        }

        private static Integer range(FieldErrors errors, String field, Integer value, int max, String what) {
            if (value != null && (value < 1 || value > max)) {
                errors.add(field, what + " must be between 1 and " + max);
                return null;
            }
            return value;
        }
    }
}

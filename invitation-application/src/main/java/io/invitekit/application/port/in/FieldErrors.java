package io.invitekit.application.port.in;

import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.shared.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collects every refusal of a command's fields under the field's name (the core's camelCase
 * names: {@code suggestedBusinessName}), so that one {@link ValidationException} lists them all.
 * Command builders fill one; a use case adds the refusals that need its settings (tiers, lifetime
 * bounds, reserved names) to the same one before it throws.
 */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);

    /** A field that must be present; blank counts as missing. Null with the error recorded when refused. */
    public <T> T required(String field, String raw, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            add(field, "is required");
            return null;
        }
        return value(field, () -> parse.apply(raw));
    }

    /** A field that may be absent; blank counts as absent. */
    public <T> T optional(String field, String raw, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return value(field, () -> parse.apply(raw));
    }

    /** Whatever {@code make} builds, or null with the field's error recorded when it refuses. */
    public <T> T value(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (DomainException refused) {
            add(field, refused.getMessage(), refused.code());
            return null;
        }
    }

    /** Records a refusal with the general code {@code validation_failed}. */
    public void add(String field, String message) {
        add(field, message, ErrorCode.VALIDATION_FAILED);
    }

    public void add(String field, String message, ErrorCode code) {
        errors.add(new FieldError(field, message));
        codes.add(code);
    }

    /** Every error another exception lists, for instance one a builder threw. */
    public void addAll(ValidationException refused) {
        errors.addAll(refused.errors());
        codes.add(refused.code());
    }

    /** Every error another collector holds. */
    public void addAll(FieldErrors other) {
        errors.addAll(other.errors);
        codes.addAll(other.codes);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Whether a refusal of {@code field} has been recorded. */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /**
     * @throws ValidationException listing every error, when there is one; its code is the errors'
     *         own when they all share one ({@code invalid_subdomain}), else {@code validation_failed}
     */
    public void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        ErrorCode code = codes.size() == 1 ? codes.iterator().next() : ErrorCode.VALIDATION_FAILED;
        throw new ValidationException(code, errors);
    }
}

package io.invitekit.application.service;

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
 * Turns a command's raw fields into domain values, collecting every refusal under the name of
 * the field it concerns (the API's snake_case names), so that one answer lists them all.
 */
final class Inputs {
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);

    /** A field that must be present; blank counts as missing. */
    <T> T required(String field, String raw, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            fail(field, "is required", ErrorCode.VALIDATION_FAILED);
            return null;
        }
        return value(field, () -> parse.apply(raw));
    }

    /** A field that may be absent; blank counts as absent. */
    <T> T optional(String field, String raw, Function<String, T> parse) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return value(field, () -> parse.apply(raw));
    }

    /** Whatever {@code make} builds, or null with the field's error recorded. */
    <T> T value(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (DomainException refused) {
            fail(field, refused.getMessage(), refused.code());
            return null;
        }
    }

    void fail(String field, String message, ErrorCode code) {
        errors.add(new FieldError(field, message));
        codes.add(code);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** @throws ValidationException listing every error, when there is one */
    void throwIfInvalid() {
        if (errors.isEmpty()) {
            return;
        }
        ErrorCode code = codes.size() == 1 ? codes.iterator().next() : ErrorCode.VALIDATION_FAILED;
        throw new ValidationException(code, errors);
    }
}

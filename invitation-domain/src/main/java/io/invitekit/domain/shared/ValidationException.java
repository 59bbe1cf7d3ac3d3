package io.invitekit.domain.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Inputs were invalid; each {@link FieldError} names the input it concerns. The code is
 * {@code validation_failed}, or a more specific one ({@code invalid_subdomain}) when every error
 * is of that kind.
 */
public final class ValidationException extends DomainException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        this(ErrorCode.VALIDATION_FAILED, errors);
    }

    public ValidationException(ErrorCode code, List<FieldError> errors) {
        super(code, errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {
    }
}

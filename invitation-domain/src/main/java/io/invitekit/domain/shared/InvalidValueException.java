package io.invitekit.domain.shared;

/** A value that cannot be built from what was given. */
public final class InvalidValueException extends DomainException {
    public InvalidValueException(String message) {
        this(ErrorCode.VALIDATION_FAILED, message);
    }

    public InvalidValueException(ErrorCode code, String message) {
        super(code, message);
    }
}

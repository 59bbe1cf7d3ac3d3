package io.invitekit.domain.shared;

/**
 * The one root of every refusal the domain and the application give. Adapters map it once, by
 * {@link #code()}: never by message text, which is for people.
 */
public abstract class DomainException extends RuntimeException {
    private final ErrorCode code;

    protected DomainException(ErrorCode code, String message) {
        super(message, null, false, false); // refusals are expected: no stack trace to fill
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

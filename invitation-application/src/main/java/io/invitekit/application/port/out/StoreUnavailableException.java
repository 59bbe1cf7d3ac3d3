package io.invitekit.application.port.out;

/**
 * The store cannot be reached or answered with a technical failure. Adapters translate their own
 * exceptions into this one, so nothing of theirs crosses a port. The HTTP adapter answers 503.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

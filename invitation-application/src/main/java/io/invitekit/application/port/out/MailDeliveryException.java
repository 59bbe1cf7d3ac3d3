package io.invitekit.application.port.out;

/**
 * A message could not be handed over. {@code permanent} failures (a recipient the server
 * refuses for good, a message that cannot be rendered) are not retried.
 */
public class MailDeliveryException extends RuntimeException {
    private final boolean permanent;

    public MailDeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}

package io.invitekit.application.port.out;

import java.time.Instant;

/** Where the latest email about something stands. {@code lastError} and {@code sentAt} may be null. */
public record Delivery(State state, int attempts, String lastError, Instant sentAt) {
    /** WITHDRAWN: taken back unsent, because the invitation was resent or cancelled. */
    public enum State { QUEUED, SENT, RETRYING, DEAD, WITHDRAWN }

    public static Delivery of(OutboxMessage message) {
        State state = switch (message.status()) {
            case SENT -> State.SENT;
            case DEAD -> State.DEAD;
            case WITHDRAWN -> State.WITHDRAWN;
            case PENDING -> message.attempts() == 0 ? State.QUEUED : State.RETRYING;
        };
        return new Delivery(state, message.attempts(), message.lastError(), message.sentAt());
    }
}

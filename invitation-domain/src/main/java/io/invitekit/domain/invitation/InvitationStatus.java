package io.invitekit.domain.invitation;

import java.util.Optional;

/** The states of a tenant invitation. The transition table lives here and nowhere else. */
public enum InvitationStatus {
    PENDING,
    ACCEPTED,
    EXPIRED,
    CANCELLED;

    /** The state {@code action} leads to from this one, or empty where the table forbids it. */
    public Optional<InvitationStatus> after(InvitationAction action) {
        InvitationStatus next = switch (this) {
            case PENDING -> switch (action) {
                case ACCEPT -> ACCEPTED;
                case CANCEL -> CANCELLED;
                case EXPIRE -> EXPIRED;
                case RESEND -> PENDING;
            };
            case EXPIRED -> action == InvitationAction.RESEND ? PENDING : null;
            case ACCEPTED, CANCELLED -> null;
        };
        return Optional.ofNullable(next);
    }

    /** No action leads out of a terminal state. */
    public boolean isTerminal() {
        return this == ACCEPTED || this == CANCELLED;
    }
}

package io.invitekit.domain.invitation;

import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;

/**
 * An action the transition table forbids from the invitation's current state. Accepting a dead
 * invitation carries the code that says why it is dead ({@code invitation_expired}, …); every
 * other forbidden action is {@code invalid_transition}.
 */
public final class InvalidTransitionException extends DomainException {
    private final InvitationStatus from;
    private final InvitationAction action;

    public InvalidTransitionException(InvitationStatus from, InvitationAction action) {
        super(codeFor(from, action), "cannot " + action.name().toLowerCase(java.util.Locale.ROOT)
                + " an invitation that is " + from.name().toLowerCase(java.util.Locale.ROOT));
        this.from = from;
        this.action = action;
    }

    private static ErrorCode codeFor(InvitationStatus from, InvitationAction action) {
        if (action != InvitationAction.ACCEPT) {
            return ErrorCode.INVALID_TRANSITION;
        }
        return switch (from) {
            case EXPIRED -> ErrorCode.INVITATION_EXPIRED;
            case CANCELLED -> ErrorCode.INVITATION_CANCELLED;
            case ACCEPTED -> ErrorCode.INVITATION_ACCEPTED;
            case PENDING -> ErrorCode.INVALID_TRANSITION;
        };
    }

    public InvitationStatus from() {
        return from;
    }

    public InvitationAction action() {
        return action;
    }
}

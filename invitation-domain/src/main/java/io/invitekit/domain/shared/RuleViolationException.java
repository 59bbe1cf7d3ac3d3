package io.invitekit.domain.shared;

/** A well-formed request that a rule refuses: conflicts, dead invitations, full tenants, … */
public final class RuleViolationException extends DomainException {
    public RuleViolationException(ErrorCode code, String message) {
        super(code, message);
    }
}

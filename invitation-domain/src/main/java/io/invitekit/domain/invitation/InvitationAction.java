package io.invitekit.domain.invitation;

/** What can be done to a tenant invitation; time passing counts as {@link #EXPIRE}. */
public enum InvitationAction {
    ACCEPT,
    CANCEL,
    EXPIRE,
    RESEND
}

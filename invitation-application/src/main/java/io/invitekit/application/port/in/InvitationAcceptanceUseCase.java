package io.invitekit.application.port.in;

/**
 * What the holder of an invitation link does: look at it, then accept it as a signed-in user of
 * the host application. (With Invitekit's own accounts, {@link AccountUseCase#acceptInvitation}
 * accepts with a password instead.)
 */
public interface InvitationAcceptanceUseCase {

    /**
     * The invitation behind a link. Changes nothing, since mail scanners fetch links too.
     * Looking links up is limited per client address when one is given.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code not_found}, or
     *         {@code invitation_expired}/{@code invitation_cancelled}/{@code invitation_accepted}
     */
    InvitationPreview preview(String token, String clientAddress);

    default InvitationPreview preview(String token) {
        return preview(token, null);
    }

    /**
     * Accepts as {@code user}, whose verified email must be the invitation's
     * ({@code forbidden} otherwise): creates the tenant, claims its subdomain and makes
     * {@code user} its OWNER, in one transaction that covers everything Invitekit stores. The
     * host keeps its own user record before this call and may sign the user in to the new tenant
     * after it.
     */
    AcceptedInvitation accept(VerifiedUser user, AcceptInvitation.Builder acceptance);

    default AcceptedInvitation accept(VerifiedUser user, AcceptInvitation acceptance) {
        return accept(user, acceptance.toBuilder());
    }
}

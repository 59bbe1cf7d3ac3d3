package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;

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
     * The tenant an accepted invitation created, asked by the owner it created it for: an
     * onboarding page opened again after the accept (a reload, the emailed link) carries on with
     * the new tenant instead of saying the link was used. Counts against the same per-address
     * limit on links as {@link #preview}. Anyone else is answered as {@code preview} answers
     * ({@code invitation_accepted}, {@code invitation_expired}, {@code invitation_cancelled},
     * {@code not_found}); an invitation still pending has no tenant yet ({@code not_found}), and
     * neither has an owner who is no longer a member of it.
     */
    TenantId createdTenant(Actor actor, String token, String clientAddress);

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

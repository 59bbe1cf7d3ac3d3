package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;

/**
 * The life of a tenant after its first owner: invitations by email with a role, the member list,
 * role changes, removal, leaving and the transfer of ownership. Who may do which is
 * {@link Role}'s permission table; an actor who is no member of the tenant is told it does not
 * exist ({@code not_found}), a member without the permission {@code forbidden}. A tenant never
 * has zero OWNERs ({@code last_owner}).
 */
public interface MemberUseCase {

    /**
     * Invites {@code email} into the tenant with a role the actor may grant (ADMIN only by an
     * OWNER; never OWNER). One PENDING invitation per tenant and email; members plus pending
     * invitations stay within the tenant's user limit ({@code tenant_full}). The email goes out
     * through the outbox in the same transaction.
     */
    MemberInvitationView invite(Actor actor, TenantId tenant, NewMemberInvitation.Builder invitation);

    default MemberInvitationView invite(Actor actor, TenantId tenant, NewMemberInvitation invitation) {
        return invite(actor, tenant, invitation.toBuilder());
    }

    /** The tenant's invitations, newest first; owners and admins only. */
    Page<MemberInvitationView> invitations(Actor actor, TenantId tenant, InvitationQuery.Builder query);

    /** A fresh token and lifetime (cap and cooldown as for tenant invitations); the old link dies. */
    MemberInvitationView resend(Actor actor, TenantId tenant, MemberInvitationId invitation);

    /** Cancels a PENDING invitation, freeing its seat; its unsent email is withdrawn. */
    MemberInvitationView revoke(Actor actor, TenantId tenant, MemberInvitationId invitation);

    /** The invitation behind a link, for anyone holding it (rate-limited per address); never changes state. */
    MemberInvitationPreview preview(String token, String clientAddress);

    /**
     * Accepts as a signed-in user whose verified email must be the invitation's
     * ({@code email_mismatch} otherwise). Already a member: {@code alreadyMember} and the higher
     * of the two roles. Exactly one of concurrent accepts wins.
     */
    JoinResult accept(VerifiedUser user, String token, String clientAddress);

    /** A page of the tenant's members, oldest first; any member may look. */
    Page<MemberView> members(Actor actor, TenantId tenant, PageRequest page);

    /**
     * The same pages of any tenant's members, for platform admins only (anybody else:
     * {@code forbidden}); an unknown tenant is {@code not_found}.
     */
    Page<MemberView> platformMembers(Actor actor, TenantId tenant, PageRequest page);

    /** Changes a member's role to ADMIN or MEMBER, within what the actor may manage and grant. */
    MemberView changeRole(Actor actor, TenantId tenant, UserId member, Role role);

    /** Removes a member the actor may manage; the last OWNER cannot be removed. */
    void remove(Actor actor, TenantId tenant, UserId member);

    /** The actor leaves the tenant; the last OWNER cannot. */
    void leave(Actor actor, TenantId tenant);

    /** An OWNER hands the tenant to another member: they become OWNER, the actor ADMIN. */
    MemberView transferOwnership(Actor actor, TenantId tenant, UserId newOwner);

    int MAX_MEMBERS_PAGE = 200;
}

package io.invitekit.domain.membership;

/**
 * What a member may do within a tenant. Which role holds which is {@link Role#can}: the one
 * permission table. Actions on another member (invite with a role, change a role, remove) also
 * depend on that member's role: {@link Role#mayManage} and {@link Role#mayGrant}.
 */
public enum TenantPermission {
    /** See the tenant, its members and their roles. */
    VIEW_MEMBERS,
    /** Invite by email (with a role this role {@link Role#mayGrant}), resend and revoke invitations. */
    INVITE_MEMBERS,
    /** Change the role of a member this role {@link Role#mayManage}. */
    CHANGE_ROLES,
    /** Remove a member this role {@link Role#mayManage}. */
    REMOVE_MEMBERS,
    /** Rotate or turn off the join code. */
    MANAGE_JOIN_CODE,
    /** Read the tenant's audit log (its events: who did what, when). */
    VIEW_AUDIT,
    /** Register, change and delete the tenant's webhook endpoints; see, replay and test their deliveries. */
    MANAGE_WEBHOOKS,
    /** The tenant's own settings and business features (payment onboarding). */
    MANAGE_TENANT,
    /** Hand the tenant over: the new owner becomes OWNER, the old one ADMIN. */
    TRANSFER_OWNERSHIP
}

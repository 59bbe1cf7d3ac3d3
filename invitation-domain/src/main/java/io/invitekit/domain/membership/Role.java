package io.invitekit.domain.membership;

import java.util.EnumSet;
import java.util.Set;

/**
 * A member's role within one tenant, and the permission table:
 *
 * <pre>
 * permission          OWNER  ADMIN  MEMBER
 * VIEW_MEMBERS          ✓      ✓      ✓
 * INVITE_MEMBERS        ✓      ✓      –     (ADMIN invites MEMBERs only)
 * CHANGE_ROLES          ✓      ✓      –     (ADMIN manages MEMBERs only)
 * REMOVE_MEMBERS        ✓      ✓      –     (ADMIN manages MEMBERs only)
 * MANAGE_JOIN_CODE      ✓      ✓      –
 * VIEW_AUDIT            ✓      ✓      –     (the tenant's audit log)
 * MANAGE_WEBHOOKS       ✓      ✓      –     (the tenant's webhook endpoints and their deliveries)
 * MANAGE_TENANT         ✓      –      –
 * TRANSFER_OWNERSHIP    ✓      –      –
 * </pre>
 *
 * An OWNER manages ADMINs, MEMBERs and other OWNERs; an ADMIN manages MEMBERs; a MEMBER nobody.
 * Nobody is invited as, or changed into, an OWNER: ownership moves only by transfer. Everyone
 * but the last OWNER may leave.
 */
public enum Role {
    OWNER(EnumSet.allOf(TenantPermission.class)),
    ADMIN(EnumSet.of(TenantPermission.VIEW_MEMBERS, TenantPermission.INVITE_MEMBERS, TenantPermission.CHANGE_ROLES,
            TenantPermission.REMOVE_MEMBERS, TenantPermission.MANAGE_JOIN_CODE, TenantPermission.VIEW_AUDIT,
            TenantPermission.MANAGE_WEBHOOKS)),
    MEMBER(EnumSet.of(TenantPermission.VIEW_MEMBERS));

    private final Set<TenantPermission> permissions;

    Role(Set<TenantPermission> permissions) {
        this.permissions = permissions;
    }

    public boolean can(TenantPermission permission) {
        return permissions.contains(permission);
    }

    /** Owners and admins may rotate or disable the tenant's join code. */
    public boolean managesJoinCode() {
        return can(TenantPermission.MANAGE_JOIN_CODE);
    }

    /**
     * Whether this role may change the role of, or remove, a member who holds {@code target}:
     * an OWNER anyone, an ADMIN MEMBERs only.
     */
    public boolean mayManage(Role target) {
        return switch (this) {
            case OWNER -> true;
            case ADMIN -> target == MEMBER;
            case MEMBER -> false;
        };
    }

    /**
     * Whether this role may invite someone as, or change someone into, {@code granted}: an OWNER
     * grants ADMIN or MEMBER, an ADMIN MEMBER; OWNER is never granted (only transferred).
     */
    public boolean mayGrant(Role granted) {
        return granted != OWNER && can(TenantPermission.INVITE_MEMBERS) && mayManage(granted);
    }

    /** The higher of the two: OWNER over ADMIN over MEMBER. */
    public Role higher(Role other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}

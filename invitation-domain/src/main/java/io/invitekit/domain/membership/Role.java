package io.invitekit.domain.membership;

/** A member's role within one tenant. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owners and admins may rotate or disable the tenant's join code. */
    public boolean managesJoinCode() {
        return this == OWNER || this == ADMIN;
    }
}

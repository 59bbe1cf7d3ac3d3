package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;

/** Tenants: members create and read theirs, platform admins list and switch them on and off. */
public interface TenantUseCase {

    /** "Create a new family": the actor becomes OWNER; the tier is the configured default. */
    TenantView create(CreateCommand command);

    /** For members (and platform admins); anybody else is told it does not exist. */
    TenantView get(UserId actor, String tenantId);

    /** Platform admins only; {@code active} filters when not null. */
    Page<TenantView> list(UserId actor, Boolean active, PageRequest page);

    /** Platform admins only. */
    TenantView setActive(UserId actor, String tenantId, boolean active);

    /** {@code subdomain}, {@code contactEmail} and {@code phone} are optional; a free subdomain is derived from the name. */
    record CreateCommand(UserId actor, String name, String subdomain, String contactEmail, String phone) {
    }
}

package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;

/** Tenants: members create and read theirs, platform admins list and switch them on and off. */
public interface TenantUseCase {

    /** "Create a new family": the actor becomes OWNER; the tier is the configured default. */
    TenantView create(Actor actor, NewTenant.Builder tenant);

    default TenantView create(Actor actor, NewTenant tenant) {
        return create(actor, tenant.toBuilder());
    }

    /** For members (and platform admins); anybody else is told it does not exist. */
    TenantView get(Actor actor, TenantId tenant);

    /** Platform admins only. */
    Page<TenantView> list(Actor actor, TenantQuery query);

    /** Platform admins only. */
    TenantView setActive(Actor actor, TenantId tenant, boolean active);

    /**
     * The actor's memberships a page at a time, oldest first: {@code limit} 1 to
     * {@value #MAX_MEMBERSHIPS_PAGE} (default 50), {@code cursor} from the page before.
     */
    Page<MembershipView> memberships(Actor actor, PageRequest page);

    int MAX_MEMBERSHIPS_PAGE = 100;
}

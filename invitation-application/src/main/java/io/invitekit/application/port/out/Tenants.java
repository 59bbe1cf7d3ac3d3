package io.invitekit.application.port.out;

import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistence of tenants and their primary domain. Subdomain ownership is the {@link SubdomainRegistry}'s. */
public interface Tenants {

    /**
     * @throws io.invitekit.domain.tenant.SubdomainTakenException when a tenant already has the subdomain
     *         (a backstop: the registry's claim comes first)
     */
    void add(Tenant tenant);

    Optional<Tenant> byId(TenantId id);

    List<Tenant> byIds(Collection<TenantId> ids);

    /** Writes the tenant's mutable fields (active); false when it does not exist. */
    boolean update(Tenant tenant);

    /** Newest first, after {@code after} when given; {@code active} filters when not {@code null}. */
    List<Tenant> list(Boolean active, UUID after, int limit);

    /**
     * Tenants whose name or contact email starts with {@code search.prefix()} (case-insensitive),
     * in {@link PrefixSearch} order; {@code active} filters when not {@code null}. A tenant whose
     * name and contact email both match is found once, by its name.
     */
    List<PrefixSearch.Found<Tenant>> search(Boolean active, PrefixSearch search);

    /** The first page of every tenant, active or not, newest first. */
    default List<Tenant> newest(int limit) {
        return list(null, null, limit);
    }
}

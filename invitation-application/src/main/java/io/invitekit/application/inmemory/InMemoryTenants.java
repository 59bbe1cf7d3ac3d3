package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryTenants implements Tenants {
    private final InMemoryTransactions transactions;
    private final Map<TenantId, Tenant> byId = new HashMap<>();

    InMemoryTenants(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void add(Tenant tenant) {
        if (byId.values().stream().anyMatch(t -> t.subdomain().equals(tenant.subdomain()))) {
            throw transactions.refuse(SubdomainTakenException.of(tenant.subdomain()));
        }
        if (byId.containsKey(tenant.id())) {
            throw new IllegalStateException("duplicate tenant id " + tenant.id());
        }
        write(tenant);
    }

    @Override
    public synchronized Optional<Tenant> byId(TenantId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Tenant> byIds(Collection<TenantId> ids) {
        return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized boolean update(Tenant tenant) {
        if (!byId.containsKey(tenant.id())) {
            return false;
        }
        write(tenant);
        return true;
    }

    @Override
    public synchronized List<Tenant> list(Boolean active, UUID after, int limit) {
        return byId.values().stream()
                .filter(t -> active == null || t.active() == active)
                .filter(t -> Uuids.after(t.id().value(), after))
                .sorted(Comparator.comparing(t -> t.id().value(), Uuids.NEWEST_FIRST))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<PrefixSearch.Found<Tenant>> search(Boolean active, PrefixSearch search) {
        return byId.values().stream()
                .filter(t -> active == null || t.active() == active)
                .map(t -> {
                    String name = PrefixSearch.key(t.name().value());
                    String contact = t.contactEmail() == null ? null : PrefixSearch.key(t.contactEmail().value());
                    String key = search.matches(name) ? name : search.matches(contact) ? contact : null;
                    return key == null ? null : new PrefixSearch.Found<>(t, key);
                })
                .filter(found -> found != null && search.isAfterCursor(found.key(), found.item().id().value()))
                .sorted(Comparator.comparing(found -> new PrefixSearch.Position(found.key(), found.item().id().value()),
                        PrefixSearch.ORDER))
                .limit(search.limit())
                .toList();
    }

    private void write(Tenant tenant) {
        Tenant previous = byId.put(tenant.id(), tenant);
        transactions.onRollback(() -> {
            synchronized (this) {
                if (byId.get(tenant.id()) != tenant) {
                    return;
                }
                if (previous == null) {
                    byId.remove(tenant.id());
                } else {
                    byId.put(tenant.id(), previous);
                }
            }
        });
    }
}

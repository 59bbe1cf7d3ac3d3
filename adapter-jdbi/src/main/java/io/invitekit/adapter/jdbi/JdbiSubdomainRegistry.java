package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.SubdomainSql;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Subdomain holders in {@code subdomain_claims}, one row per subdomain. Taking a subdomain
 * deletes a lapsed reservation and inserts, in one transaction; when the insert finds a row,
 * somebody else holds it.
 */
final class JdbiSubdomainRegistry implements SubdomainRegistry {
    private final Handles handles;

    JdbiSubdomainRegistry(Handles handles) {
        this.handles = handles;
    }

    @Override
    public Set<Subdomain> heldAmong(Collection<Subdomain> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        List<String> names = candidates.stream().map(Subdomain::value).distinct().toList();
        return handles.call(SubdomainSql.class, sql -> sql.heldAmong(names, now)).stream()
                .map(Subdomain::new)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void reserve(Subdomain subdomain, InvitationId invitation, Instant until, Instant now) {
        handles.atomically(handle -> {
            SubdomainSql sql = handle.attach(SubdomainSql.class);
            sql.deleteLapsedOrOwn(subdomain.value(), invitation.value(), now);
            if (sql.insertReservation(subdomain.value(), invitation.value(), until) == 0) {
                throw SubdomainTakenException.of(subdomain);
            }
            return null;
        });
    }

    @Override
    public void claim(Subdomain subdomain, TenantId tenant, InvitationId releasing, Instant now) {
        handles.atomically(handle -> {
            SubdomainSql sql = handle.attach(SubdomainSql.class);
            if (releasing != null) {
                sql.release(releasing.value());
            }
            sql.deleteLapsed(subdomain.value(), now);
            if (sql.insertClaim(subdomain.value(), tenant.value()) == 0) {
                throw SubdomainTakenException.of(subdomain);
            }
            return null;
        });
    }

    @Override
    public void release(InvitationId invitation) {
        handles.call(SubdomainSql.class, sql -> sql.release(invitation.value()));
    }
}

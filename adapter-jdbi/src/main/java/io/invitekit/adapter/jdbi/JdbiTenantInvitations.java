package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.adapter.jdbi.internal.InvitationListQuery;
import io.invitekit.adapter.jdbi.internal.PrefixSearchQuery;
import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.adapter.jdbi.internal.InvitationRow;
import io.invitekit.adapter.jdbi.internal.InvitationSql;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant invitations in {@code tenant_invitations}. One PENDING invitation per email is the
 * unique index on {@code pending_email}, which holds the email exactly while the row is stored
 * PENDING.
 */
final class JdbiTenantInvitations implements TenantInvitations {
    private final Handles handles;

    private final String byTokenDigest;

    JdbiTenantInvitations(Handles handles) {
        this.handles = handles;
        this.byTokenDigest = handles.render(HotReads.INVITATION_BY_TOKEN);
    }

    @Override
    public void add(TenantInvitation invitation) {
        handles.call(InvitationSql.class, sql -> {
            sql.insert(InvitationRow.of(invitation));
            return null;
        });
    }

    @Override
    public Optional<TenantInvitation> byId(InvitationId id) {
        return handles.call(InvitationSql.class, sql -> sql.byId(id.value()).map(InvitationRow::toDomain));
    }

    @Override
    public Optional<TenantInvitation> byTokenDigest(TokenDigest digest) {
        return handles.one(byTokenDigest, (r, ctx) -> InvitationRow.read(r, 1), digest.hex()).map(InvitationRow::toDomain);
    }

    @Override
    public Optional<TenantInvitation> storedPendingFor(EmailAddress email) {
        return handles.call(InvitationSql.class, sql -> sql.storedPendingFor(email.value()).map(InvitationRow::toDomain));
    }

    @Override
    public boolean update(TenantInvitation next) {
        return handles.call(InvitationSql.class, sql -> sql.update(InvitationRow.of(next)) == 1);
    }

    @Override
    public List<TenantInvitation> list(InvitationFilter filter, UUID after, int limit) {
        InvitationListQuery query = InvitationListQuery.of(filter, after, limit);
        return handles.call(handle -> handle.createQuery(query.sql())
                .bindMap(query.parameters())
                .mapTo(InvitationRow.class)
                .map(InvitationRow::toDomain)
                .list());
    }

    @Override
    public List<PrefixSearch.Found<TenantInvitation>> search(InvitationFilter filter, PrefixSearch search) {
        PrefixSearchQuery query = InvitationListQuery.search(filter, search);
        return handles.call(handle -> handle.createQuery(query.sql())
                .bindMap(query.parameters())
                .map((rs, ctx) -> new PrefixSearch.Found<>(
                        ctx.findRowMapperFor(InvitationRow.class).orElseThrow().map(rs, ctx).toDomain(),
                        rs.getString("search_key")))
                .list());
    }

    @Override
    public long countPending() {
        return handles.call(InvitationSql.class, InvitationSql::countPending);
    }

    @Override
    public List<InvitationId> expireDue(Instant now, int limit) {
        return handles.atomically(handle -> {
            InvitationSql sql = handle.attach(InvitationSql.class);
            List<UUID> due = sql.dueForExpiry(now, limit);
            if (due.isEmpty()) {
                return List.<InvitationId>of();
            }
            // The guarded update answers the rows it changed, so that the sweeper knows exactly
            // which it expired (one event each); a row another sweeper or a resend took meanwhile
            // is left out.
            List<UUID> expired = handles.dialect() == Dialect.POSTGRESQL ? sql.expireReturning(due, now)
                    : sql.expireReturningH2(due, now);
            sql.releaseLapsedReservations(due, now);
            return expired.stream().map(InvitationId::new).toList();
        });
    }
}

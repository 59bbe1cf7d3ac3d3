package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.adapter.jdbi.internal.MemberInvitationListQuery;
import io.invitekit.adapter.jdbi.internal.MemberInvitationRow;
import io.invitekit.adapter.jdbi.internal.MemberInvitationSql;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Member invitations in {@code member_invitations}. One PENDING invitation per tenant and email is
 * the unique index on {@code (tenant_id, pending_email)}; the seat each one holds is counted in
 * the tenant's {@code pending_invitations}, by the same conditional update of the tenant row that
 * joins use ({@link JdbiMemberships}), so invites, joins and accepts of one tenant queue on that
 * row. Every write into or out of PENDING takes the tenant row first, then the invitation rows.
 * No refusal raises a database error, so the surrounding transaction goes on.
 */
final class JdbiMemberInvitations implements MemberInvitations {
    private static final String PENDING = InvitationStatus.PENDING.name();
    private final Handles handles;

    private final String byTokenDigest;
    private final String withTenantName;

    JdbiMemberInvitations(Handles handles) {
        this.handles = handles;
        this.byTokenDigest = handles.render(HotReads.MEMBER_INVITATION_BY_TOKEN);
        this.withTenantName = handles.render(HotReads.MEMBER_INVITATION_WITH_TENANT_NAME);
    }

    @Override
    public AddOutcome add(MemberInvitation invitation, Limit userLimit) {
        if (invitation.storedStatus() != InvitationStatus.PENDING) {
            throw new IllegalArgumentException("a new member invitation is PENDING");
        }
        return handles.atomically(handle -> {
            MemberInvitationSql sql = handle.attach(MemberInvitationSql.class);
            UUID tenant = invitation.tenantId().value();
            if (!holdSeat(sql, tenant, userLimit)) {
                // The same answer as the in-memory store: a pending invitation for the address says more than a full tenant.
                return sql.storedPendingFor(tenant, invitation.email().value()).isPresent()
                        ? AddOutcome.PENDING_EXISTS : AddOutcome.TENANT_FULL;
            }
            if (sql.insert(MemberInvitationRow.of(invitation)) == 1) {
                return AddOutcome.ADDED;
            }
            sql.releaseSeats(tenant, 1);
            if (sql.storedPendingFor(tenant, invitation.email().value()).isPresent()) {
                return AddOutcome.PENDING_EXISTS;
            }
            throw new IllegalStateException("duplicate member invitation id or token digest");
        });
    }

    @Override
    public long countPending() {
        return handles.call(MemberInvitationSql.class, MemberInvitationSql::countPending);
    }

    @Override
    public Optional<MemberInvitation> byId(MemberInvitationId id) {
        return handles.call(MemberInvitationSql.class, sql -> sql.byId(id.value()).map(MemberInvitationRow::toDomain));
    }

    @Override
    public Optional<MemberInvitation> byTokenDigest(TokenDigest digest) {
        return handles.one(byTokenDigest, (r, ctx) -> MemberInvitationRow.read(r, 1), digest.hex())
                .map(MemberInvitationRow::toDomain);
    }

    /** One statement (the invitation joined to its tenant) when {@code tenants} is this store's. */
    @Override
    public Optional<WithTenantName> byTokenDigestWithTenantName(TokenDigest digest, Tenants tenants) {
        if (!(tenants instanceof JdbiTenants own && own.keptIn(handles))) {
            return MemberInvitations.super.byTokenDigestWithTenantName(digest, tenants);
        }
        return handles.one(withTenantName, (r, ctx) -> new WithTenantName(MemberInvitationRow.read(r, 1).toDomain(),
                r.getString(20)), digest.hex());
    }

    @Override
    public Optional<MemberInvitation> storedPendingFor(TenantId tenant, EmailAddress email) {
        return handles.call(MemberInvitationSql.class,
                sql -> sql.storedPendingFor(tenant.value(), email.value()).map(MemberInvitationRow::toDomain));
    }

    @Override
    public boolean update(MemberInvitation next) {
        MemberInvitationRow row = MemberInvitationRow.of(next);
        return handles.atomically(handle -> {
            MemberInvitationSql sql = handle.attach(MemberInvitationSql.class);
            UUID tenant = next.tenantId().value();
            if (next.storedStatus() != InvitationStatus.PENDING) {
                // Out of PENDING (only PENDING leads there): tenant row first, then the seat back.
                sql.lockTenant(tenant);
                if (sql.update(row, PENDING) == 0) {
                    return false;
                }
                sql.releaseSeats(tenant, 1);
                return true;
            }
            if (sql.update(row, PENDING) == 1) {
                return true; // a resend: it keeps its seat
            }
            // Revived from EXPIRED by a resend: a seat within the tenant's own limit, and the email free.
            List<Integer> maxUsers = sql.lockTenant(tenant);
            if (maxUsers.isEmpty() || sql.storedStatus(next.id().value()).filter(PENDING::equals).isPresent()) {
                return false;
            }
            Integer max = maxUsers.get(0);
            if (!holdSeat(sql, tenant, max == null ? Limit.UNLIMITED : Limit.of(max))) {
                return false;
            }
            if (sql.revive(row) == 0) {
                sql.releaseSeats(tenant, 1);
                return false;
            }
            return true;
        });
    }

    @Override
    public List<MemberInvitation> list(TenantId tenant, Filter filter, UUID after, int limit) {
        MemberInvitationListQuery query = MemberInvitationListQuery.of(tenant.value(), filter, after, limit);
        return handles.call(handle -> handle.createQuery(query.sql())
                .bindMap(query.parameters())
                .mapTo(MemberInvitationRow.class)
                .map(MemberInvitationRow::toDomain)
                .list());
    }

    @Override
    public List<Expired> expireDue(Instant now, int limit) {
        return handles.atomically(handle -> {
            MemberInvitationSql sql = handle.attach(MemberInvitationSql.class);
            // Tenant by tenant in id order, so that two sweepers take the tenant rows in one order.
            Map<UUID, List<UUID>> dueByTenant = sql.dueForExpiry(now, limit).stream()
                    .collect(Collectors.groupingBy(MemberInvitationSql.Due::tenantId, TreeMap::new,
                            Collectors.mapping(MemberInvitationSql.Due::id, Collectors.toList())));
            List<Expired> expired = new ArrayList<>();
            for (Map.Entry<UUID, List<UUID>> due : dueByTenant.entrySet()) {
                sql.lockTenant(due.getKey());
                // The guarded update answers the rows it changed: one event for each.
                List<UUID> done = handles.dialect() == Dialect.POSTGRESQL ? sql.expireReturning(due.getValue(), now)
                        : sql.expireReturningH2(due.getValue(), now);
                done.forEach(id -> expired.add(new Expired(new MemberInvitationId(id), new TenantId(due.getKey()))));
                int count = done.size();
                if (count > 0) {
                    sql.releaseSeats(due.getKey(), count);
                }
            }
            return expired;
        });
    }

    private static boolean holdSeat(MemberInvitationSql sql, UUID tenant, Limit userLimit) {
        return (userLimit.isUnlimited() ? sql.holdSeat(tenant) : sql.holdSeatWithin(tenant, userLimit.max())) == 1;
    }
}

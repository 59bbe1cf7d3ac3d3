package io.invitekit.application.port.out;

import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence of member invitations. An invitation stored PENDING holds one of its tenant's
 * seats: members plus invitations stored PENDING never exceed the tenant's user limit, which the
 * store enforces together with {@link Memberships#add} (so concurrent invites, joins and accepts
 * never pass it). Leaving PENDING (accepted, cancelled, expired) gives the seat back in the same
 * write. No refusal aborts the surrounding transaction.
 */
public interface MemberInvitations {

    enum AddOutcome {
        ADDED,
        /** An invitation for the same tenant and email (case-insensitive) is stored PENDING. */
        PENDING_EXISTS,
        /** Members plus pending invitations already fill the tenant's user limit. */
        TENANT_FULL
    }

    /** Stores a new PENDING invitation, holding a seat within {@code userLimit}; the tenant must exist. */
    AddOutcome add(MemberInvitation invitation, Limit userLimit);

    Optional<MemberInvitation> byId(MemberInvitationId id);

    /** Looks up by the digest of the current token only; older tokens are unknown. */
    Optional<MemberInvitation> byTokenDigest(TokenDigest digest);

    /** An invitation and the name of its tenant ({@link #byTokenDigestWithTenantName}). */
    record WithTenantName(MemberInvitation invitation, String tenantName) {
        public WithTenantName {
            java.util.Objects.requireNonNull(invitation, "invitation");
            java.util.Objects.requireNonNull(tenantName, "tenantName");
        }
    }

    /**
     * {@link #byTokenDigest} with the name of the invitation's tenant in {@code tenants}, when both
     * exist: what a link's preview shows. The default reads them one after the other; a store that
     * keeps {@code tenants} itself may read both in one statement (it must fall back to this
     * default for any other {@code Tenants}).
     */
    default Optional<WithTenantName> byTokenDigestWithTenantName(TokenDigest digest, Tenants tenants) {
        return byTokenDigest(digest).flatMap(invitation -> tenants.byId(invitation.tenantId())
                .map(tenant -> new WithTenantName(invitation, tenant.name().value())));
    }

    /** The invitation stored PENDING for this tenant and email, expired by the clock or not. */
    Optional<MemberInvitation> storedPendingFor(TenantId tenant, EmailAddress email);

    /**
     * Writes {@code next} only if the stored version is still {@code next.version() - 1}; a move
     * out of PENDING frees the seat it held. A move back into PENDING (a resend of an expired
     * invitation) takes a seat again, within the tenant's own user limit.
     *
     * @return false when somebody else changed the invitation first, or, for a move back into
     *         PENDING, when no seat is free or another invitation for the tenant and email is
     *         pending (nothing written)
     */
    boolean update(MemberInvitation next);

    /**
     * One tenant's invitations, newest first (by id, which is time-ordered), after the id
     * {@code after} when given. The status filter sees the status as of {@code filter.now()}.
     */
    List<MemberInvitation> list(TenantId tenant, Filter filter, UUID after, int limit);

    /**
     * How many invitations are stored PENDING (an expired one counts until the sweeper writes it
     * EXPIRED): one count over an index, cheap enough for every metrics scrape.
     */
    long countPending();

    /**
     * Writes EXPIRED for up to {@code limit} invitations stored PENDING whose expiry is at or
     * before {@code now}, freeing their seats, in one bounded step; joins the surrounding
     * transaction (the sweeper records one event per expired invitation in it).
     *
     * @return the invitations this call expired (not those another sweeper expired meanwhile)
     */
    List<Expired> expireDue(Instant now, int limit);

    /** An invitation the sweeper expired, and its tenant. */
    record Expired(MemberInvitationId id, TenantId tenant) {
    }

    /** {@code status} and {@code email} are optional ({@code null}). */
    record Filter(InvitationStatus status, EmailAddress email, Instant now) {
        public static Filter all(Instant now) {
            return new Filter(null, null, now);
        }
    }
}

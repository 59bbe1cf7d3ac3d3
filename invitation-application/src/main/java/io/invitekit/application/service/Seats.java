package io.invitekit.application.service;

import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's seats held by member invitations that expired by the clock but are still stored
 * PENDING (the sweeper has not come by yet). A full tenant gives those back before it refuses an
 * invite or a join: an expired invitation holds nobody's place.
 */
final class Seats {
    private static final int PAGE = 100;
    private static final int PAGES = 10;

    private final Transactions transactions;
    private final MemberInvitations invitations;

    Seats(Transactions transactions, MemberInvitations invitations) {
        this.transactions = transactions;
        this.invitations = invitations;
    }

    /**
     * Writes EXPIRED for the tenant's invitations still stored PENDING past their expiry, in a
     * transaction of its own: a store may keep a seat given back for the transaction that gave it
     * (an accept's member) until it commits, so the refused write is retried after this one.
     *
     * @return whether any seat came free
     */
    boolean freeExpired(TenantId tenant, Instant now) {
        return transactions.inTransaction(() -> expire(tenant, now)) > 0;
    }

    private int expire(TenantId tenant, Instant now) {
        int freed = 0;
        UUID after = null;
        for (int page = 0; page < PAGES; page++) {
            List<MemberInvitation> expired = invitations.list(tenant,
                    new MemberInvitations.Filter(InvitationStatus.EXPIRED, null, now), after, PAGE);
            for (MemberInvitation inv : expired) {
                if (inv.storedStatus() == InvitationStatus.PENDING && invitations.update(inv.expire(now))) {
                    freed++;
                }
            }
            if (expired.size() < PAGE) {
                break;
            }
            after = expired.get(expired.size() - 1).id().value();
        }
        return freed;
    }
}

package io.invitekit.application.port.out;

import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Persistence of tenant invitations. */
public interface TenantInvitations {

    /**
     * Stores a new invitation.
     *
     * @throws io.invitekit.domain.shared.RuleViolationException {@code invitation_pending_exists} when an
     *         invitation for the same email is stored as PENDING (the store enforces this, so two
     *         concurrent creates cannot both succeed)
     */
    void add(TenantInvitation invitation);

    Optional<TenantInvitation> byId(InvitationId id);

    /** Looks up by the digest of the current token only; older tokens are unknown. */
    Optional<TenantInvitation> byTokenDigest(TokenDigest digest);

    /** The invitation stored as PENDING for this email, expired by the clock or not. */
    Optional<TenantInvitation> storedPendingFor(EmailAddress email);

    /**
     * Writes {@code next} only if the stored version is still {@code next.version() - 1}: the
     * conditional update that makes accept, cancel and resend safe when several processes race.
     *
     * @return false when somebody else changed the invitation first (nothing written)
     */
    boolean update(TenantInvitation next);

    /**
     * Newest first (by id, which is time-ordered), after the id {@code after} when given.
     * The status filter sees the status as of {@code now}: PENDING excludes, and EXPIRED
     * includes, invitations stored PENDING whose expiry has passed.
     */
    List<TenantInvitation> list(InvitationFilter filter, UUID after, int limit);

    /**
     * Invitations whose email or suggested business name starts with {@code search.prefix()}
     * (case-insensitive), in {@link PrefixSearch} order, with {@code filter}'s status and email
     * conditions. One whose email and business name both match is found once, by its email.
     */
    List<PrefixSearch.Found<TenantInvitation>> search(InvitationFilter filter, PrefixSearch search);

    /**
     * How many invitations are stored PENDING (an expired one counts until the sweeper writes it
     * EXPIRED): one count over an index, cheap enough for every metrics scrape.
     */
    long countPending();

    /**
     * Writes EXPIRED for up to {@code limit} invitations stored PENDING whose expiry is at or
     * before {@code now}, in one bounded step, and frees their subdomain reservations; joins the
     * surrounding transaction (the sweeper records one event per expired invitation in it).
     *
     * @return the invitations this call expired (not those another sweeper expired meanwhile)
     */
    List<InvitationId> expireDue(Instant now, int limit);

    /** {@code status} and {@code email} are optional ({@code null}). */
    record InvitationFilter(InvitationStatus status, EmailAddress email, Instant now) {
        /** Every invitation, whatever its status and email. */
        public static InvitationFilter all(Instant now) {
            return new InvitationFilter(null, null, now);
        }
    }
}

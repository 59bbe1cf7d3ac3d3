package io.invitekit.application.port.out;

import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Who holds which subdomain: a tenant for good, or a PENDING invitation until it expires. The
 * store enforces that one subdomain has one holder. A reservation whose time is past counts as
 * free, whether or not anybody has cleaned it up.
 */
public interface SubdomainRegistry {

    /** The candidates that a tenant or a live reservation holds at {@code now}. */
    Set<Subdomain> heldAmong(Collection<Subdomain> candidates, Instant now);

    default boolean isHeld(Subdomain subdomain, Instant now) {
        return !heldAmong(Set.of(subdomain), now).isEmpty();
    }

    /**
     * Reserves for a PENDING invitation until {@code until}; renews a reservation the invitation
     * already has.
     *
     * @throws io.invitekit.domain.tenant.SubdomainTakenException when another holder has it
     */
    void reserve(Subdomain subdomain, InvitationId invitation, Instant until, Instant now);

    /**
     * Gives the subdomain to a tenant for good, and frees whatever {@code releasing} had
     * reserved (it may be this very subdomain, or {@code null} for none). Atomic: when it
     * throws, nothing was released either.
     *
     * @throws io.invitekit.domain.tenant.SubdomainTakenException when another holder has it
     */
    void claim(Subdomain subdomain, TenantId tenant, InvitationId releasing, Instant now);

    /** Frees the invitation's reservation, if it has one. */
    void release(InvitationId invitation);
}

package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static io.invitekit.testing.fixtures.Fixtures.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubdomainRegistry} must do: one holder per subdomain (a tenant for good, or an
 * invitation's reservation until its time), and lapsed or released reservations count as free.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code subdomains()} is
 * under test, the same instance throughout one test, and empty when each test starts.
 */
public abstract class SubdomainRegistryContract {
    private static final Instant UNTIL = NOW.plus(Duration.ofDays(7));

    /** For a subclass, which provides the store under test. */
    public SubdomainRegistryContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code subdomains()} this suite checks
     */
    protected abstract Storage storage();

    private SubdomainRegistry registry() {
        return storage().subdomains();
    }

    private static InvitationId invitation() {
        return new InvitationId(nextId());
    }

    private static TenantId tenant() {
        return new TenantId(nextId());
    }

    @Test
    void a_reservation_holds_until_its_time_and_not_a_moment_longer() {
        Subdomain reserved = subdomain("held");
        Subdomain free = subdomain("free");
        registry().reserve(reserved, invitation(), UNTIL, NOW);

        assertThat(registry().heldAmong(List.of(reserved, free), NOW)).containsExactly(reserved);
        assertThat(registry().isHeld(reserved, UNTIL.minusNanos(1000))).isTrue();
        assertThat(registry().isHeld(reserved, UNTIL)).isFalse();
        assertThat(registry().heldAmong(List.of(), NOW)).isEmpty();
    }

    @Test
    void a_live_reservation_refuses_everybody_else() {
        Subdomain subdomain = subdomain("mine");
        registry().reserve(subdomain, invitation(), UNTIL, NOW);

        assertThatThrownBy(() -> registry().reserve(subdomain, invitation(), UNTIL, NOW))
                .isInstanceOfSatisfying(SubdomainTakenException.class, taken -> {
                    assertThat(taken.code()).isEqualTo(ErrorCode.SUBDOMAIN_TAKEN);
                    assertThat(taken.subdomain()).isEqualTo(subdomain);
                });
        assertThatThrownBy(() -> registry().claim(subdomain, tenant(), null, NOW))
                .isInstanceOf(SubdomainTakenException.class);
    }

    @Test
    void a_lapsed_reservation_may_be_taken_over_by_a_reservation_or_a_tenant() {
        Subdomain first = subdomain("lapsed");
        Subdomain second = subdomain("lapsed");
        registry().reserve(first, invitation(), NOW, NOW.minusSeconds(60));
        registry().reserve(second, invitation(), NOW, NOW.minusSeconds(60));

        InvitationId newcomer = invitation();
        registry().reserve(first, newcomer, UNTIL, NOW);
        registry().claim(second, tenant(), null, NOW);

        assertThat(registry().heldAmong(List.of(first, second), NOW)).containsExactlyInAnyOrder(first, second);
        registry().release(newcomer);
        assertThat(registry().isHeld(first, NOW)).isFalse();
        assertThat(registry().isHeld(second, NOW.plus(Duration.ofDays(3650)))).isTrue();
    }

    @Test
    void the_same_invitation_renews_its_reservation() {
        Subdomain subdomain = subdomain("renewed");
        InvitationId invitation = invitation();
        registry().reserve(subdomain, invitation, UNTIL, NOW);

        Instant later = UNTIL.plus(Duration.ofDays(7));
        registry().reserve(subdomain, invitation, later, NOW.plusSeconds(60));

        assertThat(registry().isHeld(subdomain, UNTIL.plusSeconds(1))).isTrue();
        assertThat(registry().isHeld(subdomain, later)).isFalse();
    }

    @Test
    void a_tenant_holds_for_good_and_nobody_takes_it_over() {
        Subdomain subdomain = subdomain("owned");
        registry().claim(subdomain, tenant(), null, NOW);

        assertThat(registry().isHeld(subdomain, NOW.plus(Duration.ofDays(36500)))).isTrue();
        assertThatThrownBy(() -> registry().claim(subdomain, tenant(), null, NOW.plus(Duration.ofDays(400))))
                .isInstanceOf(SubdomainTakenException.class);
        assertThatThrownBy(() -> registry().reserve(subdomain, invitation(), UNTIL, NOW))
                .isInstanceOf(SubdomainTakenException.class);
    }

    @Test
    void claiming_for_the_invitation_that_reserved_it_turns_the_reservation_into_the_tenants() {
        Subdomain subdomain = subdomain("accepted");
        Subdomain other = subdomain("reserved-elsewhere");
        InvitationId invitation = invitation();
        registry().reserve(subdomain, invitation, UNTIL, NOW);

        registry().claim(subdomain, tenant(), invitation, NOW);

        assertThat(registry().isHeld(subdomain, UNTIL.plus(Duration.ofDays(1)))).isTrue();
        registry().release(invitation); // nothing of the invitation's is left to free
        assertThat(registry().isHeld(subdomain, NOW)).isTrue();

        // An owner picking another subdomain frees the reserved one.
        InvitationId switching = invitation();
        registry().reserve(other, switching, UNTIL, NOW);
        Subdomain picked = subdomain("picked");
        registry().claim(picked, tenant(), switching, NOW);
        assertThat(registry().heldAmong(List.of(other, picked), NOW)).containsExactly(picked);
    }

    @Test
    void a_released_reservation_is_free_at_once() {
        Subdomain subdomain = subdomain("released");
        InvitationId invitation = invitation();
        registry().reserve(subdomain, invitation, UNTIL, NOW);

        registry().release(invitation);
        registry().release(invitation());

        assertThat(registry().isHeld(subdomain, NOW)).isFalse();
        registry().reserve(subdomain, invitation(), UNTIL, NOW);
        assertThat(registry().isHeld(subdomain, NOW)).isTrue();
    }
}

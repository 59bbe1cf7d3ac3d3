package io.invitekit.domain.tenant;

import static io.invitekit.domain.shared.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final Tenant tenant = Tenant.create(new TenantId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-0123456789ab")),
            Name.of("Café Zürich"), Subdomain.of("cafe-zurich"), "invitekit.example", Plan.basic(SubscriptionTier.FREE),
            Limits.of(6, 10), EmailAddress.of("hello@cafe.example"), new Phone("+41 44 000 00 00"), T0);

    @Test
    void startsActiveOnItsSubdomainOfThePlatformDomain() {
        assertThat(tenant.active()).isTrue();
        assertThat(tenant.domain()).isEqualTo("cafe-zurich.invitekit.example");
        assertThat(tenant.createdAt()).isEqualTo(T0);
    }

    @Test
    void anActiveTenantPassesRequireActive() {
        assertThatNoException().isThrownBy(tenant::requireActive);
    }

    @Test
    void aDeactivatedTenantIsRefusedAsInactive() {
        Tenant inactive = tenant.deactivate();

        assertThat(inactive.active()).isFalse();
        assertRefused(inactive::requireActive, RuleViolationException.class, ErrorCode.TENANT_INACTIVE);
    }

    @Test
    void reactivatingRestoresTheTenantUnchangedOtherwise() {
        Tenant again = tenant.deactivate().activate();

        assertThat(again).isEqualTo(tenant);
        assertThatNoException().isThrownBy(again::requireActive);
    }
}

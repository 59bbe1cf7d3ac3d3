package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/** The owner of a tenant allowed to accept payments starts the payment provider's onboarding. */
public interface PaymentOnboardingUseCase {

    /**
     * Where to send the owner next, if anywhere. Refused with {@code not_found} for a non-member,
     * {@code forbidden} for a member who is not the owner or a tenant without the
     * {@code CAN_ACCEPT_PAYMENTS} permission, {@code tenant_inactive} for a deactivated tenant.
     */
    Optional<URI> begin(Actor actor, TenantId tenant);
}

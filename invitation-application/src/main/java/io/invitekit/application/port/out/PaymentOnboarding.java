package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/**
 * Starts payment onboarding for a new tenant allowed to accept payments (a payment provider's
 * account link, say). The default does nothing.
 */
public interface PaymentOnboarding {
    /** Where to send the owner next, if anywhere. */
    Optional<URI> begin(TenantId tenant, UserId owner);

    static PaymentOnboarding none() {
        return (tenant, owner) -> Optional.empty();
    }
}

package io.invitekit.application.service;

import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.PaymentOnboardingUseCase;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.PaymentOnboarding;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.TenantPermission;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.util.Optional;

/** Only the owner of an active tenant allowed to accept payments starts payment onboarding. */
public final class PaymentOnboardingService implements PaymentOnboardingUseCase {
    private final Tenants tenants;
    private final Memberships memberships;
    private final Access access;
    private final PaymentOnboarding onboarding;

    public PaymentOnboardingService(Tenants tenants, Memberships memberships, PaymentOnboarding onboarding) {
        this.tenants = tenants;
        this.memberships = memberships;
        this.access = new Access(memberships);
        this.onboarding = onboarding;
    }

    @Override
    public Optional<URI> begin(Actor actor, TenantId tenantId) {
        Access.requireActor(actor);
        Tenant tenant = (tenantId == null ? Optional.<Tenant>empty() : tenants.byId(tenantId))
                .orElseThrow(() -> Access.notFound("tenant"));
        // Platform admins see every tenant, so a non-member admin is told no rather than "no such tenant".
        Optional<Membership> membership = actor.isPlatformAdmin()
                ? memberships.find(tenantId, actor.id())
                : Optional.of(access.requireMember(actor, tenantId));
        if (membership.map(m -> !m.role().can(TenantPermission.MANAGE_TENANT)).orElse(true)) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only the tenant's owner may set up payments");
        }
        if (!tenant.plan().permissions().has(PlatformPermission.CAN_ACCEPT_PAYMENTS)) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "this tenant may not accept payments");
        }
        if (!tenant.active()) {
            throw new RuleViolationException(ErrorCode.TENANT_INACTIVE, "the tenant is deactivated");
        }
        return onboarding.begin(tenantId, actor.id());
    }
}

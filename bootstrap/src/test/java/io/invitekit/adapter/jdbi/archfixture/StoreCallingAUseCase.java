package io.invitekit.adapter.jdbi.archfixture;

import io.invitekit.application.port.in.TenantUseCase;

/** A deliberate violation, for proving the driven-adapter rule bites: a store calling back into a use case. */
public final class StoreCallingAUseCase {
    private final TenantUseCase tenants;

    public StoreCallingAUseCase(TenantUseCase tenants) {
        this.tenants = tenants;
    }

    public TenantUseCase tenants() {
        return tenants;
    }
}

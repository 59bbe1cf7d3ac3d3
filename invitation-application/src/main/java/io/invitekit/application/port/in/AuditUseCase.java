package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;

/** The audit log people can read: every state change, who did it, to what. */
public interface AuditUseCase {

    /** Every event, newest first; platform admins only. */
    Page<AuditEventView> platformEvents(Actor actor, AuditQuery query);

    /**
     * One tenant's events, newest first, for platform admins only (anybody else, a tenant's own
     * OWNERs too: {@code forbidden}); an unknown tenant is {@code not_found}.
     */
    Page<AuditEventView> platformTenantEvents(Actor actor, TenantId tenant, AuditQuery query);

    /** One tenant's events, newest first; its OWNERs and ADMINs only (others: not_found / forbidden). */
    Page<AuditEventView> tenantEvents(Actor actor, TenantId tenant, AuditQuery query);
}

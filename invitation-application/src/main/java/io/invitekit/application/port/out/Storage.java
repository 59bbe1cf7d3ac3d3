package io.invitekit.application.port.out;

/**
 * Every persistence port of one store, sharing its transactions. The Jdbi adapter and the
 * in-memory adapters each provide one; an embedder may still replace single ports (its own
 * {@link Accounts}, say) through the builder.
 */
public interface Storage {
    Transactions transactions();

    TenantInvitations invitations();

    SubdomainRegistry subdomains();

    Tenants tenants();

    Accounts accounts();

    Memberships memberships();

    JoinCodes joinCodes();

    Sessions sessions();

    Outbox outbox();

    AuditLog auditLog();

    BootstrapMarkers bootstrapMarkers();

    PasswordResets passwordResets();

    EmailVerifications emailVerifications();

    MemberInvitations memberInvitations();

    WebhookEndpoints webhookEndpoints();

    WebhookDeliveries webhookDeliveries();
}

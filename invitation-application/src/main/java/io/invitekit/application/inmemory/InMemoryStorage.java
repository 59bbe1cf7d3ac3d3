package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Storage;

/**
 * Every persistence port in memory, sharing one set of transactions: for embedders' tests and
 * for trying the library out. Thread-safe, with the same uniqueness and conditional-update
 * rules as the database adapter. Nothing survives the process.
 */
public final class InMemoryStorage implements Storage {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemorySubdomainRegistry subdomains = new InMemorySubdomainRegistry(transactions);
    private final InMemoryTenantInvitations invitations = new InMemoryTenantInvitations(transactions, subdomains);
    private final InMemoryTenants tenants = new InMemoryTenants(transactions);
    private final InMemoryAccounts accounts = new InMemoryAccounts(transactions);
    private final InMemoryMemberships memberships = new InMemoryMemberships(transactions);
    private final InMemoryMemberInvitations memberInvitations = new InMemoryMemberInvitations(transactions, memberships,
            tenants);
    private final InMemoryJoinCodes joinCodes = new InMemoryJoinCodes(transactions);
    private final InMemorySessions sessions = new InMemorySessions(transactions);
    private final InMemoryOutbox outbox = new InMemoryOutbox(transactions);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog(transactions);
    private final InMemoryBootstrapMarkers bootstrapMarkers = new InMemoryBootstrapMarkers(transactions);
    private final InMemoryPasswordResets passwordResets = new InMemoryPasswordResets(transactions);
    private final InMemoryEmailVerifications emailVerifications = new InMemoryEmailVerifications(transactions);
    private final InMemoryWebhookEndpoints webhookEndpoints = new InMemoryWebhookEndpoints(transactions);
    private final InMemoryWebhookDeliveries webhookDeliveries = new InMemoryWebhookDeliveries(transactions,
            webhookEndpoints);

    @Override
    public InMemoryTransactions transactions() {
        return transactions;
    }

    @Override
    public InMemoryTenantInvitations invitations() {
        return invitations;
    }

    @Override
    public InMemorySubdomainRegistry subdomains() {
        return subdomains;
    }

    @Override
    public InMemoryTenants tenants() {
        return tenants;
    }

    @Override
    public InMemoryAccounts accounts() {
        return accounts;
    }

    @Override
    public InMemoryMemberships memberships() {
        return memberships;
    }

    @Override
    public InMemoryJoinCodes joinCodes() {
        return joinCodes;
    }

    @Override
    public InMemorySessions sessions() {
        return sessions;
    }

    @Override
    public InMemoryOutbox outbox() {
        return outbox;
    }

    @Override
    public InMemoryAuditLog auditLog() {
        return auditLog;
    }

    @Override
    public InMemoryBootstrapMarkers bootstrapMarkers() {
        return bootstrapMarkers;
    }

    @Override
    public InMemoryPasswordResets passwordResets() {
        return passwordResets;
    }

    @Override
    public InMemoryEmailVerifications emailVerifications() {
        return emailVerifications;
    }

    @Override
    public InMemoryMemberInvitations memberInvitations() {
        return memberInvitations;
    }

    @Override
    public InMemoryWebhookEndpoints webhookEndpoints() {
        return webhookEndpoints;
    }

    @Override
    public InMemoryWebhookDeliveries webhookDeliveries() {
        return webhookDeliveries;
    }
}

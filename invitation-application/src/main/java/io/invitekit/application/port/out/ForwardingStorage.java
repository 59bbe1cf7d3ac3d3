package io.invitekit.application.port.out;

import java.util.Objects;

/**
 * A {@link Storage} that hands out another's ports: a subclass overrides only the ports it
 * replaces or wraps (an embedder's own {@link Accounts}, traced transactions), and a port added to
 * {@code Storage} later reaches it without a change.
 */
public abstract class ForwardingStorage implements Storage {
    private final Storage delegate;

    protected ForwardingStorage(Storage delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The storage whose ports this one hands out unless a subclass overrides them. */
    protected final Storage delegate() {
        return delegate;
    }

    @Override
    public Transactions transactions() {
        return delegate.transactions();
    }

    @Override
    public TenantInvitations invitations() {
        return delegate.invitations();
    }

    @Override
    public SubdomainRegistry subdomains() {
        return delegate.subdomains();
    }

    @Override
    public Tenants tenants() {
        return delegate.tenants();
    }

    @Override
    public Accounts accounts() {
        return delegate.accounts();
    }

    @Override
    public Memberships memberships() {
        return delegate.memberships();
    }

    @Override
    public JoinCodes joinCodes() {
        return delegate.joinCodes();
    }

    @Override
    public Sessions sessions() {
        return delegate.sessions();
    }

    @Override
    public Outbox outbox() {
        return delegate.outbox();
    }

    @Override
    public AuditLog auditLog() {
        return delegate.auditLog();
    }

    @Override
    public BootstrapMarkers bootstrapMarkers() {
        return delegate.bootstrapMarkers();
    }

    @Override
    public PasswordResets passwordResets() {
        return delegate.passwordResets();
    }

    @Override
    public EmailVerifications emailVerifications() {
        return delegate.emailVerifications();
    }

    @Override
    public MemberInvitations memberInvitations() {
        return delegate.memberInvitations();
    }

    @Override
    public WebhookEndpoints webhookEndpoints() {
        return delegate.webhookEndpoints();
    }

    @Override
    public WebhookDeliveries webhookDeliveries() {
        return delegate.webhookDeliveries();
    }
}

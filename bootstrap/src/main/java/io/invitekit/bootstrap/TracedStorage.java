package io.invitekit.bootstrap;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.EmailVerifications;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;

/**
 * The storage with its transactions traced: a {@value #TRANSACTION} span for each outermost
 * transaction run inside a traced request or relay round. One that joins an outer transaction is
 * part of it, not a span of its own; one run by a background job outside any span (the relay's
 * claim, every second on every thread, mostly finding nothing; the sweeper) is not traced, or an
 * idle server would send spans all day.
 */
final class TracedStorage implements Storage {
    static final String TRANSACTION = "invitekit.transaction";

    private final Storage storage;
    private final Transactions transactions;

    private TracedStorage(Storage storage, ObservationRegistry observations) {
        this.storage = storage;
        Transactions plain = storage.transactions();
        this.transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                Observation current = observations.getCurrentObservation();
                if (current == null || TRANSACTION.equals(current.getContext().getName())) {
                    return plain.inTransaction(work);
                }
                return Observation.createNotStarted(TRANSACTION, observations).observe(() -> plain.inTransaction(work));
            }
        };
    }

    /** The storage itself when nothing is traced. */
    static Storage of(Storage storage, ObservationRegistry observations) {
        return observations.isNoop() ? storage : new TracedStorage(storage, observations);
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public TenantInvitations invitations() {
        return storage.invitations();
    }

    @Override
    public SubdomainRegistry subdomains() {
        return storage.subdomains();
    }

    @Override
    public Tenants tenants() {
        return storage.tenants();
    }

    @Override
    public Accounts accounts() {
        return storage.accounts();
    }

    @Override
    public Memberships memberships() {
        return storage.memberships();
    }

    @Override
    public JoinCodes joinCodes() {
        return storage.joinCodes();
    }

    @Override
    public Sessions sessions() {
        return storage.sessions();
    }

    @Override
    public Outbox outbox() {
        return storage.outbox();
    }

    @Override
    public AuditLog auditLog() {
        return storage.auditLog();
    }

    @Override
    public BootstrapMarkers bootstrapMarkers() {
        return storage.bootstrapMarkers();
    }

    @Override
    public PasswordResets passwordResets() {
        return storage.passwordResets();
    }

    @Override
    public EmailVerifications emailVerifications() {
        return storage.emailVerifications();
    }

    @Override
    public io.invitekit.application.port.out.MemberInvitations memberInvitations() {
        return storage.memberInvitations();
    }

    @Override
    public io.invitekit.application.port.out.WebhookEndpoints webhookEndpoints() {
        return storage.webhookEndpoints();
    }

    @Override
    public io.invitekit.application.port.out.WebhookDeliveries webhookDeliveries() {
        return storage.webhookDeliveries();
    }
}

package io.invitekit.adapter.jdbi.testing;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A storage whose one port method crashes right after it has done its work, like a process that
 * dies in the middle of a transaction.
 */
public final class CrashingStorage implements Storage {

    /** Where the crash happens: after this port method has written. */
    public enum CrashPoint {
        AFTER_SUBDOMAIN_CLAIM(SubdomainRegistry.class, "claim"),
        AFTER_TENANT_INSERT(Tenants.class, "add"),
        AFTER_ACCOUNT_INSERT(Accounts.class, "add"),
        AFTER_MEMBERSHIP_INSERT(Memberships.class, "add"),
        AFTER_AUDIT_EVENT(AuditLog.class, "record"),
        /** The owner's session, issued inside the accept's transaction: the last write of an accept. */
        AFTER_SESSION_INSERT(Sessions.class, "add");

        final Class<?> port;
        final String method;

        CrashPoint(Class<?> port, String method) {
            this.port = port;
            this.method = method;
        }
    }

    /** The crash; nothing a store would throw. */
    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(CrashPoint point) {
            super("simulated crash " + point);
        }
    }

    private final Storage delegate;
    private final CrashPoint point;

    public CrashingStorage(Storage delegate, CrashPoint point) {
        this.delegate = delegate;
        this.point = point;
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> port, T target) {
        if (port != point.port) {
            return target;
        }
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
            if (method.getName().equals(point.method)) {
                throw new SimulatedCrash(point);
            }
            return result;
        });
    }

    @Override
    public Transactions transactions() {
        return delegate.transactions();
    }

    @Override
    public TenantInvitations invitations() {
        return wrap(TenantInvitations.class, delegate.invitations());
    }

    @Override
    public SubdomainRegistry subdomains() {
        return wrap(SubdomainRegistry.class, delegate.subdomains());
    }

    @Override
    public Tenants tenants() {
        return wrap(Tenants.class, delegate.tenants());
    }

    @Override
    public Accounts accounts() {
        return wrap(Accounts.class, delegate.accounts());
    }

    @Override
    public Memberships memberships() {
        return wrap(Memberships.class, delegate.memberships());
    }

    @Override
    public JoinCodes joinCodes() {
        return wrap(JoinCodes.class, delegate.joinCodes());
    }

    @Override
    public Sessions sessions() {
        return wrap(Sessions.class, delegate.sessions());
    }

    @Override
    public Outbox outbox() {
        return wrap(Outbox.class, delegate.outbox());
    }

    @Override
    public AuditLog auditLog() {
        return wrap(AuditLog.class, delegate.auditLog());
    }

    @Override
    public BootstrapMarkers bootstrapMarkers() {
        return wrap(BootstrapMarkers.class, delegate.bootstrapMarkers());
    }

    @Override
    public io.invitekit.application.port.out.PasswordResets passwordResets() {
        return wrap(io.invitekit.application.port.out.PasswordResets.class, delegate.passwordResets());
    }

    @Override
    public io.invitekit.application.port.out.EmailVerifications emailVerifications() {
        return wrap(io.invitekit.application.port.out.EmailVerifications.class, delegate.emailVerifications());
    }

    @Override
    public MemberInvitations memberInvitations() {
        return wrap(MemberInvitations.class, delegate.memberInvitations());
    }

    @Override
    public io.invitekit.application.port.out.WebhookEndpoints webhookEndpoints() {
        return wrap(io.invitekit.application.port.out.WebhookEndpoints.class, delegate.webhookEndpoints());
    }

    @Override
    public io.invitekit.application.port.out.WebhookDeliveries webhookDeliveries() {
        return wrap(io.invitekit.application.port.out.WebhookDeliveries.class, delegate.webhookDeliveries());
    }
}

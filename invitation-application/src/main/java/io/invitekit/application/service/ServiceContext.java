package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.BusinessMetrics;
import io.invitekit.application.port.out.EventType;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.IdGenerator;
import io.invitekit.domain.shared.Times;
import io.invitekit.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** What every service needs from outside: settings, time, randomness, ids, the audit log and the business metrics. */
public final class ServiceContext {
    private final InvitekitSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final IdGenerator ids;
    private final AuditLog auditLog;
    private final BusinessMetrics metrics;

    public ServiceContext(InvitekitSettings settings, Clock clock, RandomGenerator random, AuditLog auditLog) {
        this(settings, clock, random, auditLog, BusinessMetrics.NOOP);
    }

    /** With {@code metrics}: where the services count what they did, after it committed. */
    public ServiceContext(InvitekitSettings settings, Clock clock, RandomGenerator random, AuditLog auditLog,
                          BusinessMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.ids = new IdGenerator(clock, random);
    }

    /**
     * Whether the account's sessions may sign anything in: with verified emails required, an
     * unverified account's may not, even one made before the deployment started requiring them
     * (its holder logs in again after following the verification link).
     */
    boolean maySignIn(io.invitekit.domain.account.Account account) {
        return !settings.requireVerifiedEmail() || account.isEmailVerified();
    }

    InvitekitSettings settings() {
        return settings;
    }

    RandomGenerator random() {
        return random;
    }

    IdGenerator ids() {
        return ids;
    }

    Instant now() {
        return Times.now(clock);
    }

    /**
     * Records the event in the event log, in the surrounding transaction: it exists exactly when
     * the change committed, and is dispatched to listeners and webhooks after. {@code actor} and
     * {@code tenant} may be null. {@code data} never carries a token, password or secret.
     */
    void audit(Instant at, UserId actor, EventType type, TenantId tenant, Object subject, Map<String, String> data) {
        auditLog.record(new AuditEvent(ids.next(), at, actor, type, tenant,
                subject == null ? null : subject.toString(), data));
    }

    BusinessMetrics metrics() {
        return metrics;
    }

    AuditLog auditLog() {
        return auditLog;
    }
}

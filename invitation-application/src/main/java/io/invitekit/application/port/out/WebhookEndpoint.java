package io.invitekit.application.port.out;

import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A registered webhook endpoint as stored. {@code tenant} null: a platform endpoint (every event);
 * otherwise its tenant's events only. {@code eventTypes} are wire names, empty for every type.
 * The signing secret is kept sealed ({@link SecretBox}): it must be usable for HMAC, so it cannot
 * be a digest. After a rotation the previous one still signs until {@code previousSecretUntil}.
 * {@code failingSince} is the first failure of the current run of failures (null after a success).
 * Every change returns a new endpoint; {@code version} guards conditional updates.
 */
public record WebhookEndpoint(UUID id, TenantId tenant, URI url, Set<String> eventTypes, String description,
                              boolean enabled, Health health, int consecutiveFailures, Instant failingSince,
                              byte[] sealedSecret, byte[] previousSealedSecret, Instant previousSecretUntil,
                              long version, Instant createdAt, Instant updatedAt) {

    /** ACTIVE; FAILING after a few failed attempts in a row; DISABLED after a long run of them. */
    public enum Health {
        ACTIVE, FAILING, DISABLED
    }

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must not be negative");
        }
        if ((previousSealedSecret == null) != (previousSecretUntil == null)) {
            throw new IllegalArgumentException("a previous secret comes with the time it stops signing");
        }
    }

    /** What the endpoint's owner sees: DISABLED when turned off (by a person or by failures). */
    public Health state() {
        return enabled ? health : Health.DISABLED;
    }

    /** Whether a new event of this type, in this tenant, is delivered here. */
    public boolean matches(Event event) {
        return enabled && health != Health.DISABLED
                && (tenant == null || tenant.equals(event.tenant()))
                && (eventTypes.isEmpty() || eventTypes.contains(event.type().wireName()));
    }

    /** The sealed secrets that sign at {@code now}: the current one, then a rotated-out one still in its grace. */
    public List<byte[]> signingSecrets(Instant now) {
        List<byte[]> secrets = new ArrayList<>(2);
        secrets.add(sealedSecret);
        if (previousSealedSecret != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSealedSecret);
        }
        return secrets;
    }

    /** A delivered attempt: ACTIVE again, the run of failures over. */
    public WebhookEndpoint afterSuccess(Instant now) {
        if (health == Health.ACTIVE && consecutiveFailures == 0 && failingSince == null) {
            return this;
        }
        return new WebhookEndpoint(id, tenant, url, eventTypes, description, enabled,
                health == Health.DISABLED ? Health.DISABLED : Health.ACTIVE, 0, null, sealedSecret,
                previousSealedSecret, previousSecretUntil, version, createdAt, now);
    }

    /**
     * A failed attempt: FAILING after {@code failingAfter} in a row; DISABLED (and turned off)
     * after {@code disableAfterFailures} in a row, or once the run has lasted {@code disableAfter}.
     */
    public WebhookEndpoint afterFailure(Instant now, WebhookPolicy policy) {
        int failures = consecutiveFailures + 1;
        Instant since = failingSince != null ? failingSince : now;
        Health next;
        if (health == Health.DISABLED || failures >= policy.disableAfterFailures()
                || Duration.between(since, now).compareTo(policy.disableAfter()) >= 0) {
            next = Health.DISABLED;
        } else if (failures >= policy.failingAfter()) {
            next = Health.FAILING;
        } else {
            next = health;
        }
        return new WebhookEndpoint(id, tenant, url, eventTypes, description, next == Health.DISABLED ? false : enabled,
                next, failures, since, sealedSecret, previousSealedSecret, previousSecretUntil, version, createdAt, now);
    }

    /**
     * A person's change. Turning a disabled endpoint on again starts it afresh: ACTIVE, no
     * failures counted.
     */
    public WebhookEndpoint changed(URI newUrl, Set<String> newTypes, String newDescription, boolean nowEnabled,
                                   Instant now) {
        boolean restart = nowEnabled && (!enabled || health == Health.DISABLED);
        return new WebhookEndpoint(id, tenant, newUrl, newTypes, newDescription, nowEnabled,
                restart ? Health.ACTIVE : health, restart ? 0 : consecutiveFailures, restart ? null : failingSince,
                sealedSecret, previousSealedSecret, previousSecretUntil, version, createdAt, now);
    }

    /** A new secret; the current one keeps signing beside it until {@code now + grace}. */
    public WebhookEndpoint rotated(byte[] newSealedSecret, Instant now, Duration grace) {
        return new WebhookEndpoint(id, tenant, url, eventTypes, description, enabled, health, consecutiveFailures,
                failingSince, newSealedSecret, sealedSecret, now.plus(grace), version, createdAt, now);
    }

    /** The same endpoint at the next version (what a store writes on a conditional update). */
    public WebhookEndpoint withVersion(long newVersion) {
        return new WebhookEndpoint(id, tenant, url, eventTypes, description, enabled, health, consecutiveFailures,
                failingSince, sealedSecret, previousSealedSecret, previousSecretUntil, newVersion, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + id + ", tenant=" + tenant + ", url=" + url + ", types=" + eventTypes + ", enabled="
                + enabled + ", health=" + health + ", failures=" + consecutiveFailures + ", version=" + version
                + ", secrets redacted]";
    }
}

package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant ("family" in the simplest deployment). Its limits are the effective ones fixed when it
 * was created. {@code contactEmail} and {@code phone} may be {@code null}.
 */
public record Tenant(
        TenantId id,
        Name name,
        Subdomain subdomain,
        String domain,
        Plan plan,
        Limits limits,
        boolean active,
        EmailAddress contactEmail,
        Phone phone,
        Instant createdAt) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subdomain, "subdomain");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new, active tenant whose primary domain is {@code subdomain.platformDomain}. */
    public static Tenant create(TenantId id, Name name, Subdomain subdomain, String platformDomain, Plan plan,
                                Limits limits, EmailAddress contactEmail, Phone phone, Instant now) {
        return new Tenant(id, name, subdomain, subdomain.value() + "." + platformDomain, plan, limits, true,
                contactEmail, phone, now);
    }

    public Tenant deactivate() {
        return withActive(false);
    }

    public Tenant activate() {
        return withActive(true);
    }

    public void requireActive() {
        if (!active) {
            throw new RuleViolationException(ErrorCode.TENANT_INACTIVE, "this tenant is inactive");
        }
    }

    private Tenant withActive(boolean newActive) {
        return new Tenant(id, name, subdomain, domain, plan, limits, newActive, contactEmail, phone, createdAt);
    }
}

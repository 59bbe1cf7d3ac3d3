package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.util.List;
import java.util.Objects;

/**
 * What anyone may know about the platform, signed in or not: its name (the emails' too), the domain
 * tenants' subdomains live under, the tiers on offer with their default limits (in the catalog's
 * order), the permissions a tenant may be granted, the feature flags the deployment knows and the
 * languages it speaks.
 *
 * @param defaultTier the tier a tenant invitation offers unless the admin picks another
 */
public record PlatformView(String name, String domain, SubscriptionTier defaultTier, List<Tier> tiers,
                           List<PlatformPermission> permissions, List<String> featureFlags, List<String> locales) {

    public PlatformView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(defaultTier, "defaultTier");
        tiers = List.copyOf(tiers);
        permissions = List.copyOf(permissions);
        featureFlags = List.copyOf(featureFlags);
        locales = List.copyOf(locales);
    }

    /** A tier on offer and its default limits. */
    public record Tier(SubscriptionTier tier, Limits limits) {
        public Tier {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(limits, "limits");
        }
    }
}

package io.invitekit.domain.tenant;

import java.util.Objects;

/** What a tenant gets: tier, custom limits, platform permissions and feature flags. */
public record Plan(SubscriptionTier tier, CustomLimits customLimits, Permissions permissions, FeatureFlags featureFlags) {
    public Plan {
        Objects.requireNonNull(tier, "tier");
        customLimits = customLimits == null ? CustomLimits.NONE : customLimits;
        permissions = permissions == null ? Permissions.NONE : permissions;
        featureFlags = featureFlags == null ? FeatureFlags.NONE : featureFlags;
    }

    public static Plan basic(SubscriptionTier tier) {
        return new Plan(tier, CustomLimits.NONE, Permissions.NONE, FeatureFlags.NONE);
    }
}

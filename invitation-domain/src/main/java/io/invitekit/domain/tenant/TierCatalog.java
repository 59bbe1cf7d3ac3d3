package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The tiers on offer, in the order given (cheapest first, as a price list), and each tier's default limits. */
public final class TierCatalog {
    private final Map<SubscriptionTier, Limits> defaults;

    public TierCatalog(Map<SubscriptionTier, Limits> defaults) {
        if (defaults.isEmpty()) {
            throw new IllegalArgumentException("a tier catalog offers at least one tier");
        }
        Map<SubscriptionTier, Limits> ordered = new LinkedHashMap<>();
        defaults.forEach((tier, limits) -> ordered.put(Objects.requireNonNull(tier, "tier"),
                Objects.requireNonNull(limits, "limits")));
        this.defaults = Collections.unmodifiableMap(ordered);
    }

    public static TierCatalog defaults() {
        Map<SubscriptionTier, Limits> tiers = new LinkedHashMap<>();
        tiers.put(SubscriptionTier.FREE, Limits.of(6, 10));
        tiers.put(SubscriptionTier.STARTER, Limits.of(10, 25));
        tiers.put(SubscriptionTier.PROFESSIONAL, Limits.of(50, 100));
        tiers.put(SubscriptionTier.ENTERPRISE, Limits.UNLIMITED);
        return new TierCatalog(tiers);
    }

    /** The tiers in the catalog's order. */
    public Set<SubscriptionTier> tiers() {
        return defaults.keySet();
    }

    public SubscriptionTier require(SubscriptionTier tier) {
        if (!defaults.containsKey(tier)) {
            throw new InvalidValueException("unknown subscription tier " + tier);
        }
        return tier;
    }

    public Limits defaultsOf(SubscriptionTier tier) {
        return defaults.get(require(tier));
    }

    /** Custom value where one is set, else the tier default. */
    public Limits effective(SubscriptionTier tier, CustomLimits custom) {
        Limits base = defaultsOf(tier);
        return new Limits(
                custom.maxUsers() != null ? Limit.of(custom.maxUsers()) : base.users(),
                custom.maxResources() != null ? Limit.of(custom.maxResources()) : base.resources());
    }
}

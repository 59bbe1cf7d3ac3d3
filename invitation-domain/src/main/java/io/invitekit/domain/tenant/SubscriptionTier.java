package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;
import java.util.Locale;

/**
 * A subscription tier's name. Which tiers exist, and their limits, is the {@link TierCatalog}'s
 * business; this value only guarantees a sane name.
 */
public record SubscriptionTier(String name) {
    public static final SubscriptionTier FREE = new SubscriptionTier("FREE");
    public static final SubscriptionTier STARTER = new SubscriptionTier("STARTER");
    public static final SubscriptionTier PROFESSIONAL = new SubscriptionTier("PROFESSIONAL");
    public static final SubscriptionTier ENTERPRISE = new SubscriptionTier("ENTERPRISE");

    public SubscriptionTier {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("a subscription tier is required");
        }
        name = name.strip().toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z][A-Z0-9_]{0,31}")) {
            throw new InvalidValueException("a subscription tier is a name of letters, digits and _");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

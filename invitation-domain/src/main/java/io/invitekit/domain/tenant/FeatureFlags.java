package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** The feature flags switched on. Which keys exist is the {@link FeatureFlagRegistry}'s business. */
public record FeatureFlags(Set<String> enabled) {
    public static final FeatureFlags NONE = new FeatureFlags(Set.of());

    public FeatureFlags {
        for (String key : enabled) {
            if (!FeatureFlagRegistry.isWellFormedKey(key)) {
                throw new InvalidValueException("\"" + key + "\" is not a feature flag name");
            }
        }
        enabled = Collections.unmodifiableSortedSet(new TreeSet<>(enabled));
    }

    public boolean isOn(String key) {
        return enabled.contains(key);
    }
}

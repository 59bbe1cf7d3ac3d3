package io.invitekit.domain.tenant;

import io.invitekit.domain.shared.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The feature flag keys this deployment knows. Unknown keys are refused, never stored. */
public final class FeatureFlagRegistry {
    public static final List<String> DEFAULT_KEYS = List.of(
            "video_conferencing", "event_types", "calendars", "two_factor_auth", "audit_logs",
            "data_deletion", "point_of_sale", "mobile_app");

    private final Set<String> known;

    public FeatureFlagRegistry(List<String> keys) {
        Set<String> ordered = new LinkedHashSet<>();
        for (String key : keys) {
            if (!isWellFormedKey(key)) {
                throw new IllegalArgumentException("\"" + key + "\" is not a feature flag name");
            }
            ordered.add(key);
        }
        this.known = Set.copyOf(ordered);
        this.order = List.copyOf(ordered);
    }

    private final List<String> order;

    public static FeatureFlagRegistry defaults() {
        return new FeatureFlagRegistry(DEFAULT_KEYS);
    }

    static boolean isWellFormedKey(String key) {
        return key != null && key.matches("[a-z][a-z0-9_]{0,63}");
    }

    public List<String> keys() {
        return order;
    }

    /** Keys to on/off: missing keys off, unknown keys refused. */
    public FeatureFlags resolve(Map<String, Boolean> flags) {
        if (flags == null) {
            return FeatureFlags.NONE;
        }
        Set<String> on = new LinkedHashSet<>();
        flags.forEach((key, value) -> {
            if (!known.contains(key)) {
                throw new InvalidValueException("unknown feature flag \"" + key + "\"");
            }
            if (Boolean.TRUE.equals(value)) {
                on.add(key);
            }
        });
        return new FeatureFlags(on);
    }

    /** Every known key, in the registry's order, mapped to whether it is on. */
    public Map<String, Boolean> states(FeatureFlags flags) {
        Map<String, Boolean> wire = new LinkedHashMap<>();
        for (String key : order) {
            wire.put(key, flags.isOn(key));
        }
        return wire;
    }
}

package io.invitekit.domain.tenant;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureFlagRegistryTest {
    private final FeatureFlagRegistry registry = FeatureFlagRegistry.defaults();

    @Test
    void knowsTheDefaultKeysInOrder() {
        assertThat(registry.keys()).containsExactly("video_conferencing", "event_types", "calendars",
                "two_factor_auth", "audit_logs", "data_deletion", "point_of_sale", "mobile_app");
    }

    @Test
    void switchesOnWhatIsTrueAndLeavesMissingKeysOff() {
        FeatureFlags flags = registry.resolve(Map.of("calendars", true, "audit_logs", false));

        assertThat(flags.enabled()).containsExactly("calendars");
        assertThat(flags.isOn("audit_logs")).isFalse();
        assertThat(flags.isOn("mobile_app")).isFalse();
    }

    @Test
    void refusesAnUnknownKey() {
        assertInvalid(() -> registry.resolve(Map.of("time_travel", true)));
        assertInvalid(() -> registry.resolve(Map.of("time_travel", false)));
    }

    @Test
    void switchesNothingOnForAMissingObject() {
        assertThat(registry.resolve(null)).isEqualTo(FeatureFlags.NONE);
    }

    @Test
    void statesEveryKnownKeyInOrder() {
        Map<String, Boolean> wire = registry.states(new FeatureFlags(Set.of("two_factor_auth", "mobile_app")));

        assertThat(wire).containsExactly(entry("video_conferencing", false), entry("event_types", false),
                entry("calendars", false), entry("two_factor_auth", true), entry("audit_logs", false),
                entry("data_deletion", false), entry("point_of_sale", false), entry("mobile_app", true));
    }

    @Test
    void aConfiguredRegistryKnowsOnlyItsOwnKeys() {
        FeatureFlagRegistry custom = new FeatureFlagRegistry(List.of("chores", "allowance"));

        assertThat(custom.resolve(Map.of("chores", true)).isOn("chores")).isTrue();
        assertInvalid(() -> custom.resolve(Map.of("calendars", true)));
        assertThat(custom.states(FeatureFlags.NONE)).containsOnlyKeys("chores", "allowance");
    }

    @Test
    void refusesToConfigureAMalformedKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FeatureFlagRegistry(List.of("Video Calls")));
    }

    @Test
    void flagsRefuseMalformedKeys() {
        assertInvalid(() -> new FeatureFlags(Set.of("Not A Key")));
    }
}

package io.invitekit.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeycloakDistributionTest {
    @Test
    void theFeatureReleaseOfAJdkVersion() {
        assertThat(KeycloakDistribution.feature("25.0.1")).isEqualTo(25);
        assertThat(KeycloakDistribution.feature("21")).isEqualTo(21);
        assertThat(KeycloakDistribution.feature("17.0.15+6")).isEqualTo(17);
        assertThat(KeycloakDistribution.feature("1.8.0_452")).isEqualTo(8);
        assertThat(KeycloakDistribution.feature("unknown")).isEqualTo(-1);
    }

    @Test
    void aValueOfAJdksReleaseFile() {
        List<String> release = List.of("IMPLEMENTOR=\"Eclipse Adoptium\"", "JAVA_VERSION=\"25.0.1\"", "JAVA_VERSION_DATE=\"2025-10-21\"");

        assertThat(KeycloakDistribution.releaseValue(release, "JAVA_VERSION")).isEqualTo("25.0.1");
        assertThat(KeycloakDistribution.releaseValue(release, "IMPLEMENTOR")).isEqualTo("Eclipse Adoptium");
        assertThat(KeycloakDistribution.releaseValue(release, "OS_NAME")).isEmpty();
    }
}

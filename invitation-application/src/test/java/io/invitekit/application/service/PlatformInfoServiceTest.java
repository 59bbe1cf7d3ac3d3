package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.PlatformView;
import io.invitekit.domain.tenant.FeatureFlagRegistry;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import io.invitekit.domain.tenant.TierCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformInfoServiceTest {

    @Test
    void theDefaultsDescribeTheProductAsSpecified() {
        PlatformView info = Invitekit.builder().inMemory().build().platform().info();

        assertThat(info.name()).isEqualTo("Invitekit");
        assertThat(info.domain()).isEqualTo("localhost");
        assertThat(info.defaultTier()).isEqualTo(SubscriptionTier.PROFESSIONAL);
        assertThat(info.tiers()).extracting(PlatformView.Tier::tier).containsExactly(SubscriptionTier.FREE,
                SubscriptionTier.STARTER, SubscriptionTier.PROFESSIONAL, SubscriptionTier.ENTERPRISE);
        assertThat(info.tiers().get(1).limits()).isEqualTo(Limits.of(10, 25));
        assertThat(info.tiers().get(3).limits()).isEqualTo(Limits.UNLIMITED);
        assertThat(info.permissions()).containsExactly(PlatformPermission.values());
        assertThat(info.featureFlags()).isEqualTo(FeatureFlagRegistry.DEFAULT_KEYS);
        assertThat(info.locales()).containsExactly("en", "de");
    }

    @Test
    void aDeploymentsOwnNameDomainCatalogAndFlagsAreWhatItReports() {
        Map<SubscriptionTier, Limits> tiers = new LinkedHashMap<>();
        tiers.put(new SubscriptionTier("GOLD"), Limits.of(500, null));
        tiers.put(new SubscriptionTier("BASIC"), Limits.of(3, 3));
        InvitekitSettings settings = InvitekitSettings.defaults().toBuilder()
                .platformName("Acme Bookings").platformDomain("bookings.example")
                .tierCatalog(new TierCatalog(tiers))
                .defaultInvitationTier(new SubscriptionTier("GOLD")).defaultTenantTier(new SubscriptionTier("BASIC"))
                .featureFlags(new FeatureFlagRegistry(List.of("kiosk_mode", "calendars")))
                .build();

        PlatformView info = Invitekit.builder().inMemory().settings(settings).build().platform().info();

        assertThat(info.name()).isEqualTo("Acme Bookings");
        assertThat(info.domain()).isEqualTo("bookings.example");
        assertThat(info.defaultTier()).isEqualTo(new SubscriptionTier("GOLD"));
        assertThat(info.tiers()).extracting(t -> t.tier().name()).containsExactly("GOLD", "BASIC");
        assertThat(info.tiers().get(0).limits()).isEqualTo(Limits.of(500, null));
        assertThat(info.featureFlags()).containsExactly("kiosk_mode", "calendars");
    }
}

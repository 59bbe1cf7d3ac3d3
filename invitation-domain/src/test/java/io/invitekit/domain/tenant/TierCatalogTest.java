package io.invitekit.domain.tenant;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TierCatalogTest {
    private final TierCatalog catalog = TierCatalog.defaults();

    @Test
    void offersTheFourDefaultTiers() {
        assertThat(catalog.tiers()).containsExactlyInAnyOrder(SubscriptionTier.FREE, SubscriptionTier.STARTER,
                SubscriptionTier.PROFESSIONAL, SubscriptionTier.ENTERPRISE);
    }

    @Test
    void freeAllowsSixUsersAndTenResources() {
        assertThat(catalog.defaultsOf(SubscriptionTier.FREE)).isEqualTo(Limits.of(6, 10));
    }

    @Test
    void starterAllowsTenUsersAndTwentyFiveResources() {
        assertThat(catalog.defaultsOf(SubscriptionTier.STARTER)).isEqualTo(Limits.of(10, 25));
    }

    @Test
    void professionalAllowsFiftyUsersAndOneHundredResources() {
        assertThat(catalog.defaultsOf(SubscriptionTier.PROFESSIONAL)).isEqualTo(Limits.of(50, 100));
    }

    @Test
    void enterpriseIsUnlimited() {
        Limits enterprise = catalog.defaultsOf(SubscriptionTier.ENTERPRISE);

        assertThat(enterprise.users().isUnlimited()).isTrue();
        assertThat(enterprise.resources().isUnlimited()).isTrue();
    }

    @Test
    void effectiveLimitsAreTheTierDefaultsWithoutCustomValues() {
        assertThat(catalog.effective(SubscriptionTier.STARTER, CustomLimits.NONE)).isEqualTo(Limits.of(10, 25));
    }

    @Test
    void aCustomValueReplacesOnlyItsOwnDefault() {
        assertThat(catalog.effective(SubscriptionTier.STARTER, new CustomLimits(3, null))).isEqualTo(Limits.of(3, 25));
        assertThat(catalog.effective(SubscriptionTier.STARTER, new CustomLimits(null, 400))).isEqualTo(Limits.of(10, 400));
    }

    @Test
    void customValuesLimitEvenAnUnlimitedTier() {
        assertThat(catalog.effective(SubscriptionTier.ENTERPRISE, new CustomLimits(500, null)))
                .isEqualTo(new Limits(Limit.of(500), Limit.UNLIMITED));
    }

    @Test
    void refusesAnUnknownTier() {
        SubscriptionTier gold = new SubscriptionTier("GOLD");

        assertInvalid(() -> catalog.require(gold));
        assertInvalid(() -> catalog.defaultsOf(gold));
        assertInvalid(() -> catalog.effective(gold, CustomLimits.NONE));
    }

    @Test
    void aConfiguredCatalogReplacesTheDefaults() {
        TierCatalog configured = new TierCatalog(Map.of(new SubscriptionTier("family"), Limits.of(12, 1)));

        assertThat(configured.defaultsOf(new SubscriptionTier("FAMILY"))).isEqualTo(Limits.of(12, 1));
        assertInvalid(() -> configured.require(SubscriptionTier.FREE));
        assertThatIllegalArgumentException().isThrownBy(() -> new TierCatalog(Map.of()));
    }

    @Test
    void customLimitsRangeFromOneToOneMillion() {
        assertThat(new CustomLimits(1, 1_000_000)).isEqualTo(new CustomLimits(1, 1_000_000));
        assertInvalid(() -> new CustomLimits(0, null));
        assertInvalid(() -> new CustomLimits(null, 0));
        assertInvalid(() -> new CustomLimits(1_000_001, null));
        assertInvalid(() -> new CustomLimits(null, 1_000_001));
        assertInvalid(() -> new CustomLimits(-5, null));
    }

    @Test
    void aLimitAdmitsAnotherOnlyBelowItsMaximum() {
        Limit six = Limit.of(6);

        assertThat(six.admitsAnother(0)).isTrue();
        assertThat(six.admitsAnother(5)).isTrue();
        assertThat(six.admitsAnother(6)).isFalse();
        assertThat(six.admitsAnother(7)).isFalse();
    }

    @Test
    void anUnlimitedLimitAlwaysAdmitsAnother() {
        assertThat(Limit.UNLIMITED.admitsAnother(Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void aLimitIsAtLeastOne() {
        assertInvalid(() -> Limit.of(0));
    }

    @Test
    void tierNamesAreUpperCasedAndMustBeWords() {
        assertThat(new SubscriptionTier(" professional ")).isEqualTo(SubscriptionTier.PROFESSIONAL);
        assertInvalid(() -> new SubscriptionTier(""));
        assertInvalid(() -> new SubscriptionTier("GOLD PLUS"));
        assertInvalid(() -> new SubscriptionTier("1ST"));
    }

    @Test
    void aPlanFillsMissingPartsWithNothingGranted() {
        Plan plan = Plan.basic(SubscriptionTier.FREE);

        assertThat(plan).isEqualTo(Plan.basic(SubscriptionTier.FREE));
        assertThat(plan.customLimits()).isEqualTo(CustomLimits.NONE);
        assertThat(plan.permissions()).isEqualTo(Permissions.NONE);
        assertThat(plan.featureFlags()).isEqualTo(FeatureFlags.NONE);
    }
}

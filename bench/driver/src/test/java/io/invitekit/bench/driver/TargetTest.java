package io.invitekit.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {
    private final Target floor = Target.atLeast(0.8, "≥ 0.80× hashes/s");
    private final Target ceiling = Target.atMost(1.5, "≤ 1.5 s");

    @Test
    void aFloorIsMetAtOrAboveItsLimitAndSaysByHowMuch() {
        assertThat(floor.met(0.8)).isTrue();
        assertThat(floor.verdict(0.8)).isEqualTo("met (at the limit)");
        assertThat(floor.verdict(1.0)).isEqualTo("met (25 % above)");
        assertThat(floor.met(0.79)).isFalse();
        assertThat(floor.verdict(0.5)).isEqualTo("missed (38 % short)");
        assertThat(floor.verdict(0)).isEqualTo("missed (100 % short)");
    }

    @Test
    void aCeilingIsMetAtOrBelowItsLimitAndSaysByHowMuch() {
        assertThat(ceiling.met(1.5)).isTrue();
        assertThat(ceiling.verdict(1.2)).isEqualTo("met (20 % under)");
        assertThat(ceiling.met(1.51)).isFalse();
        assertThat(ceiling.verdict(1.96)).isEqualTo("missed (31 % over)");
    }

    @Test
    void aFigureThatWasNotMeasuredMeetsNothing() {
        assertThat(floor.met(Double.NaN)).isFalse();
        assertThat(ceiling.met(Double.NaN)).isFalse();
        assertThat(floor.verdict(Double.NaN)).isEqualTo("not measured");
        assertThat(ceiling.cell(Double.NaN)).isEqualTo("≤ 1.5 s: not measured");
    }

    @Test
    void aCellReadsAsTheGoalAndItsVerdict() {
        assertThat(floor.cell(0.62)).isEqualTo("≥ 0.80× hashes/s: missed (23 % short)");
    }

    @Test
    void aLimitMustBeAPositiveNumber() {
        assertThatThrownBy(() -> Target.atLeast(0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.atMost(Double.NaN, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.atMost(Double.POSITIVE_INFINITY, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIssuesGoalsDifferByStoreWhereTheIssueSaysSo() {
        assertThat(Goals.preview(Goals.H2).met(0.3)).isFalse();
        assertThat(Goals.preview(Goals.POSTGRESQL).met(0.3)).isTrue();
        assertThat(Goals.me(Goals.POSTGRESQL).limit()).isEqualTo(0.25);
        assertThat(Goals.RSS_OF_KEYCLOAK.met(0.41)).isFalse();
        assertThat(Goals.DELIVERED_OF_KEYCLOAK.met(5.0)).isTrue();
    }
}

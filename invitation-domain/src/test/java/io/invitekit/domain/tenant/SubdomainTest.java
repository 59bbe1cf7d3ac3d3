package io.invitekit.domain.tenant;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.invitekit.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubdomainTest {

    @Test
    void trimsAndLowerCasesBeforeChecking() {
        assertThat(Subdomain.of("  Acme-Shop42 ").value()).isEqualTo("acme-shop42");
    }

    @Test
    void acceptsThreeCharacters() {
        assertThat(Subdomain.of("abc").value()).isEqualTo("abc");
    }

    @Test
    void refusesTwoCharacters() {
        assertInvalid(() -> Subdomain.of("ab"), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void acceptsSixtyThreeCharacters() {
        assertThat(Subdomain.of("a".repeat(63)).value()).hasSize(63);
    }

    @Test
    void refusesSixtyFourCharacters() {
        assertInvalid(() -> Subdomain.of("a".repeat(64)), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void countsTheLengthAfterTrimming() {
        assertThat(Subdomain.of("  abc  ").value()).isEqualTo("abc");
        assertInvalid(() -> Subdomain.of("  ab  "), ErrorCode.INVALID_SUBDOMAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme_shop", "acme.shop", "acme shop", "café", "acme!", "ac/me", "ｓｈｏｐ"})
    void refusesCharactersOutsideLowerCaseLettersDigitsAndHyphen(String raw) {
        assertInvalid(() -> Subdomain.of(raw), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void refusesALeadingHyphen() {
        assertInvalid(() -> Subdomain.of("-acme"), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void refusesATrailingHyphen() {
        assertInvalid(() -> Subdomain.of("acme-"), ErrorCode.INVALID_SUBDOMAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xn--caf-dma", "XN--abc", "xn--"})
    void refusesASubdomainStartingWithXnDashDash(String raw) {
        assertInvalid(() -> Subdomain.of(raw), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void acceptsXnWithoutTheDoubleHyphenAndInnerDoubleHyphens() {
        assertThat(Subdomain.of("xn-shop").value()).isEqualTo("xn-shop");
        assertThat(Subdomain.of("my--shop").value()).isEqualTo("my--shop");
    }

    @Test
    void refusesNull() {
        assertInvalid(() -> Subdomain.of(null), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void suggestsFromABusinessNameByStrippingAccentsAndHyphenatingTheRest() {
        assertThat(Subdomain.suggestFrom("Café Zürich & Co").value()).isEqualTo("cafe-zurich-co");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Straße Bäckerei|strasse-backerei",
            "GROSSE ẞ|grosse-ss",
            "Æsir Øl|aesir-ol",
            "Łódź Þing|lodz-thing",
            "Ｆｕｌｌ Ｗｉｄｔｈ|full-width",
            "Crème Brûlée|creme-brulee"})
    void spellsOutLettersThatHaveNoAccentToStrip(String name, String expected) {
        assertThat(Subdomain.suggestFrom(name).value()).isEqualTo(expected);
    }

    @Test
    void collapsesRunsOfSeparatorsAndTrimsThem() {
        assertThat(Subdomain.suggestFrom("  --Hello,,,   World!!  ").value()).isEqualTo("hello-world");
    }

    @Test
    void cutsSuggestionsToSixtyThreeCharacters() {
        Subdomain suggested = Subdomain.suggestFrom("a".repeat(200));

        assertThat(suggested.value()).isEqualTo("a".repeat(63));
    }

    @Test
    void trimsAHyphenLeftAtTheCut() {
        String name = "a".repeat(62) + " " + "b".repeat(10);

        assertThat(Subdomain.suggestFrom(name).value()).isEqualTo("a".repeat(62));
    }

    @Test
    void neverSuggestsAnInternationalizedPrefix() {
        assertThat(Subdomain.suggestFrom("xn--shop").value()).isEqualTo("xn-shop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Al", "& & &", "中文名字", "Ωμ", "!!a!!"})
    void refusesToSuggestWhenTooFewLettersOrDigitsRemain(String name) {
        assertInvalid(() -> Subdomain.suggestFrom(name), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void refusesToSuggestFromNull() {
        assertInvalid(() -> Subdomain.suggestFrom(null), ErrorCode.INVALID_SUBDOMAIN);
    }

    @Test
    void appendsANumberedSuffix() {
        assertThat(Subdomain.of("acme").withSuffix(2).value()).isEqualTo("acme-2");
        assertThat(Subdomain.of("acme").withSuffix(17).value()).isEqualTo("acme-17");
    }

    @Test
    void cutsTheBaseSoThatTheSuffixStillFits() {
        Subdomain longest = Subdomain.of("a".repeat(63));

        assertThat(longest.withSuffix(2).value()).isEqualTo("a".repeat(61) + "-2").hasSize(63);
        assertThat(longest.withSuffix(100).value()).isEqualTo("a".repeat(59) + "-100").hasSize(63);
    }

    @Test
    void dropsAHyphenLeftAtTheEndOfTheCutBase() {
        Subdomain name = Subdomain.of("a".repeat(60) + "-bc");

        assertThat(name.withSuffix(2).value()).isEqualTo("a".repeat(60) + "-2");
    }

    @Test
    void suffixesStartAtTwo() {
        assertThatIllegalArgumentException().isThrownBy(() -> Subdomain.of("acme").withSuffix(1));
    }
}

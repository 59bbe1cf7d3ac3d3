package io.invitekit.domain.shared;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void trimsAndLowerCases() {
        assertThat(EmailAddress.of("  Jane.Doe@Example.COM \t").value()).isEqualTo("jane.doe@example.com");
    }

    @Test
    void comparesCaseInsensitively() {
        assertThat(EmailAddress.of("OWNER@Shop.Example")).isEqualTo(EmailAddress.of("owner@shop.example"))
                .hasSameHashCodeAs(EmailAddress.of("owner@shop.example"));
    }

    @Test
    void acceptsExactly254Characters() {
        String address = "a".repeat(254 - "@example.com".length()) + "@example.com";

        assertThat(EmailAddress.of(address).value()).hasSize(254);
    }

    @Test
    void refusesMoreThan254Characters() {
        String address = "a".repeat(255 - "@example.com".length()) + "@example.com";

        assertInvalid(() -> EmailAddress.of(address));
    }

    @Test
    void countsTheLengthAfterTrimming() {
        String address = "a".repeat(254 - "@example.com".length()) + "@example.com";

        assertThat(EmailAddress.of("   " + address + "   ").value()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "jane.example.com", "@example.com", "jane@", "jane@@example.com",
            "jane@doe@example.com"})
    void refusesAnythingButExactlyOneAtBetweenANameAndADomain(String raw) {
        assertInvalid(() -> EmailAddress.of(raw));
    }

    @Test
    void refusesNull() {
        assertInvalid(() -> EmailAddress.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@example", "jane@.example.com", "jane@example.com.", "jane@example..com"})
    void refusesADomainWithoutADotBetweenNonEmptyLabels(String raw) {
        assertInvalid(() -> EmailAddress.of(raw));
    }

    @Test
    void allowsAdminAtLocalhostDeliberately() {
        assertThat(EmailAddress.of("Admin@LocalHost").value()).isEqualTo("admin@localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane doe@example.com", "jane@exa mple.com", "jane\u00A0doe@example.com",
            "jane\tdoe@example.com", "jane\r\n@example.com", "jane\u0000@example.com", "jane\u0085@example.com",
            "jane\u200B@example.com", "jane\u202E@example.com", "jane\u2028@example.com"})
    void refusesWhitespaceAndControlCharactersInside(String raw) {
        assertInvalid(() -> EmailAddress.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<jane@example.com>", "group:jane@example.com;", "jane,joe@example.com", "jane;x@example.com",
            "jane(c)@example.com", "\"jane\"@example.com", "jane\\x@example.com", "jane@[127.0.0.1]"})
    void refusesCharactersThatWouldNeedQuotingInAMailHeader(String raw) {
        assertInvalid(() -> EmailAddress.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {".jane@example.com", "jane.@example.com", "ja..ne@example.com"})
    void refusesStrayDotsInTheName(String raw) {
        assertInvalid(() -> EmailAddress.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe+tag@example.com", "o'brien@example.ie", "jöran@exämple.se", "a_b-c@sub.example.co.uk"})
    void keepsWhatMailCarriesUnquoted(String raw) {
        assertThat(EmailAddress.of(raw).value()).isEqualTo(raw);
    }

    @Test
    void namesItsDomain() {
        assertThat(EmailAddress.of("jane@Shop.Example.com").domain()).isEqualTo("shop.example.com");
    }

    @Test
    void printsAsItsCanonicalValue() {
        assertThat(EmailAddress.of(" JANE@example.com")).hasToString("jane@example.com");
    }
}

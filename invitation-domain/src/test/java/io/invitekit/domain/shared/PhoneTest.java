package io.invitekit.domain.shared;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTest {

    @ParameterizedTest
    @ValueSource(strings = {"+1 (555) 010-9999", "030 1234567", "+44.20.7946.0958", "112"})
    void keepsDigitsSpacesAndPunctuationAsTyped(String raw) {
        assertThat(new Phone(raw).value()).isEqualTo(raw);
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(new Phone("  +49 30 1234 ").value()).isEqualTo("+49 30 1234");
    }

    @Test
    void acceptsThirtyTwoCharacters() {
        assertThat(new Phone("1".repeat(32)).value()).hasSize(32);
    }

    @Test
    void refusesThirtyThreeCharacters() {
        assertInvalid(() -> new Phone("1".repeat(33)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"555-CALL-NOW", "+1 555 0100 ext. 7", "555\t0100", "555/0100", "+1 555 0100\n",
            "\uFF15\uFF15\uFF15"})
    void refusesAnythingButDigitsSpacesAndPlusMinusParenthesesDot(String raw) {
        assertInvalid(() -> new Phone(raw + "0"));
    }

    @Test
    void refusesPunctuationWithoutAnyDigit() {
        assertInvalid(() -> new Phone("+() -."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesABlankNumber(String raw) {
        assertInvalid(() -> new Phone(raw));
    }
}

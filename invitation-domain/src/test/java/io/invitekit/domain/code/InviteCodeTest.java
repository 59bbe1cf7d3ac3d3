package io.invitekit.domain.code;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.invitekit.domain.shared.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InviteCodeTest {

    @Test
    void usesCrockfordBase32WithoutILOU() {
        assertThat(InviteCode.ALPHABET).isEqualTo("0123456789ABCDEFGHJKMNPQRSTVWXYZ").hasSize(32)
                .doesNotContain("I", "L", "O", "U");
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9, 10, 11, 12})
    void generatesCodesOfEveryAllowedLengthFromTheAlphabet(int length) {
        InviteCode code = InviteCode.generate(length, new SplittableRandom(length));

        assertThat(code.value()).hasSize(length).matches("[0-9A-HJKMNP-TV-Z]+");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 5, 13, 32})
    void refusesToGenerateOtherLengths(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> InviteCode.generate(length, new SplittableRandom()));
    }

    @Test
    void usesEverySymbolOfTheAlphabetEvenly() {
        SplittableRandom random = new SplittableRandom(99);
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            for (char c : InviteCode.generate(8, random).value().toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }

        assertThat(counts).hasSize(32);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200)); // expected 1000 each
    }

    @ParameterizedTest
    @CsvSource({"A7BX9PQ2, A7BX-9PQ2", "A7BX9P, A7B-X9P", "A7BX9PQ, A7BX-9PQ", "A7BX9PQ2Z, A7BX9-PQ2Z",
            "0123456789AB, 012345-6789AB"})
    void displaysTwoGroupsWithTheLongerFirst(String value, String display) {
        assertThat(new InviteCode(value).display()).isEqualTo(display);
    }

    @Test
    void parsesItsOwnDisplay() {
        assertThat(InviteCode.parse("A7BX-9PQ2")).isEqualTo(new InviteCode("A7BX9PQ2"));
    }

    @Test
    void normalizesFullWidthCharactersWithNfkc() {
        assertThat(InviteCode.normalize("ＡＢ７Ｘ－９ＰＱ２")).isEqualTo("AB7X9PQ2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A7BX-9PQ2", "A7BX\u20109PQ2", "A7BX\u20139PQ2", "A7BX\u20149PQ2", "A7BX\u22129PQ2",
            "A7BX\uFE639PQ2", "A7BX 9PQ2", " A7BX\t9PQ2\n", "A7BX\u00A09PQ2", "A7BX\u30009PQ2", "A-7-B-X 9 P Q 2"})
    void removesWhitespaceAndEveryKindOfDash(String typed) {
        assertThat(InviteCode.normalize(typed)).isEqualTo("A7BX9PQ2");
    }

    @Test
    void upperCases() {
        assertThat(InviteCode.normalize("a7bx-9pq2")).isEqualTo("A7BX9PQ2");
    }

    @Test
    void readsTheLetterOAsZero() {
        assertThat(InviteCode.normalize("OoO0")).isEqualTo("0000");
    }

    @Test
    void readsTheLettersIAndLAsOne() {
        assertThat(InviteCode.normalize("IiLl1")).isEqualTo("11111");
    }

    @Test
    void normalizesNullToEmpty() {
        assertThat(InviteCode.normalize(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A7BU-9PQ2", "A7BX_9PQ2", "A7BX.9PQ2", "A7BX/9PQ2", "A7BX!9PQ2", "A7BX'9PQ2",
            "A7BX\u00C99PQ2", "A7BX\u200B9PQ2"})
    void treatsULettersOutsideTheAlphabetAndPunctuationAsMalformed(String typed) {
        assertInvalid(() -> InviteCode.parse(typed), ErrorCode.MALFORMED_CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "A7BX9", "A7BX-9PQ2-XYZ0Z"})
    void treatsTooShortOrTooLongCodesAsMalformed(String typed) {
        assertInvalid(() -> InviteCode.parse(typed), ErrorCode.MALFORMED_CODE);
    }

    @Test
    void treatsNullAsMalformed() {
        assertInvalid(() -> InviteCode.parse(null), ErrorCode.MALFORMED_CODE);
    }

    @Test
    void parsesAnyLengthFromSixToTwelve() {
        assertThat(InviteCode.parse("a7b-x9p").value()).isEqualTo("A7BX9P");
        assertThat(InviteCode.parse("a7bx9p-q2zz11").value()).isEqualTo("A7BX9PQ2ZZ11");
    }

    @Test
    void parsesACodeOfTheExpectedLength() {
        assertThat(InviteCode.parse("a7bx-9pq2", 8)).isEqualTo(new InviteCode("A7BX9PQ2"));
    }

    @Test
    void treatsAWellFormedCodeOfAnotherLengthAsMalformedWhenALengthIsExpected() {
        assertInvalid(() -> InviteCode.parse("A7B-X9P", 8), ErrorCode.MALFORMED_CODE);
        assertInvalid(() -> InviteCode.parse("A7BX-9PQ2", 6), ErrorCode.MALFORMED_CODE);
    }

    @Test
    void holdsOnlyNormalizedValues() {
        assertInvalid(() -> new InviteCode("a7bx9pq2"), ErrorCode.MALFORMED_CODE);
        assertInvalid(() -> new InviteCode("A7BX-9PQ2"), ErrorCode.MALFORMED_CODE);
    }

    @Test
    void printsAsItsNormalizedValue() {
        assertThat(InviteCode.parse("a7bx-9pq2")).hasToString("A7BX9PQ2");
    }
}

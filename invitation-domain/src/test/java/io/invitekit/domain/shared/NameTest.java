package io.invitekit.domain.shared;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameTest {

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(Name.of("  Ada Lovelace \n").value()).isEqualTo("Ada Lovelace");
    }

    @Test
    void acceptsASingleCharacter() {
        assertThat(Name.of("Q").value()).isEqualTo("Q");
    }

    @Test
    void acceptsOneHundredCharacters() {
        assertThat(Name.of("x".repeat(100)).value()).hasSize(100);
    }

    @Test
    void refusesOneHundredAndOneCharacters() {
        assertInvalid(() -> Name.of("x".repeat(101)));
    }

    @Test
    void countsTheLengthAfterTrimming() {
        assertThat(Name.of("  " + "x".repeat(100) + "  ").value()).hasSize(100);
    }

    @Test
    void countsAnEmojiAsOneCharacter() {
        String hundredEmoji = "\uD83D\uDE00".repeat(100); // 200 UTF-16 units, 100 characters

        assertThat(Name.of(hundredEmoji).value()).isEqualTo(hundredEmoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void refusesABlankName(String raw) {
        assertInvalid(() -> Name.of(raw));
    }

    /** Spaces that {@code String.isBlank} does not count as whitespace, and invisible format characters. */
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u00A0\u00A0", "\u202F", "\u2007", " \u00A0 ", "\u200B", "\u200D\u2060", "\uFEFF"})
    void refusesANameThatShowsNothing(String raw) {
        assertInvalid(() -> Name.of(raw));
    }

    @Test
    void keepsAnEmojiJoinedWithAZeroWidthJoiner() {
        String family = "The \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 Family";

        assertThat(Name.of(family).value()).isEqualTo(family);
    }

    @Test
    void refusesNull() {
        assertInvalid(() -> Name.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0000Lovelace", "Ada\nLovelace", "Ada\rLovelace", "Ada\tLovelace",
            "Ada\u007FLovelace", "Ada\u009BLovelace"})
    void refusesControlCharacters(String raw) {
        assertInvalid(() -> Name.of(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    void refusesBidirectionalOverrideCharacters(String bidi) {
        assertInvalid(() -> Name.of("Invoice " + bidi + "fdp.exe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zoë Ñúñez", "Café Zürich & Co", "Ωμέγα", "שרה כהן", "محمد", "李小龍",
            "Party \uD83C\uDF89 Planners", "O'Brien-Smith"})
    void keepsAccentsEmojiAndRightToLeftScriptsAsSent(String raw) {
        assertThat(Name.of(raw).value()).isEqualTo(raw);
    }

    @Test
    void printsAsItsValue() {
        assertThat(Name.of(" Zoë ")).hasToString("Zoë");
    }
}

package io.invitekit.domain.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class InviteCodeProperties {

    @Property(tries = 3000)
    void normalizingTwiceChangesNothingForArbitraryUnicode(@ForAll("anyUnicode") String typed) {
        String once = InviteCode.normalize(typed);

        assertThat(InviteCode.normalize(once)).isEqualTo(once);
    }

    @Property(tries = 3000)
    void normalizingTwiceChangesNothingForTrickyCharacters(@ForAll("tricky") String typed) {
        String once = InviteCode.normalize(typed);

        assertThat(InviteCode.normalize(once)).isEqualTo(once);
    }

    @Property
    void normalizingTwiceChangesNothingForArbitraryChars(@ForAll String typed) {
        String once = InviteCode.normalize(typed);

        assertThat(InviteCode.normalize(once)).isEqualTo(once);
    }

    @Property
    void normalizingTheDisplayGivesBackTheCode(@ForAll @IntRange(min = 6, max = 12) int length, @ForAll long seed) {
        InviteCode code = InviteCode.generate(length, new SplittableRandom(seed));

        assertThat(InviteCode.normalize(code.display())).isEqualTo(code.value());
    }

    @Property
    void everyGeneratedCodeIsValidAndParsesBackToItself(@ForAll @IntRange(min = 6, max = 12) int length,
                                                        @ForAll long seed) {
        InviteCode code = InviteCode.generate(length, new SplittableRandom(seed));

        assertThat(code.value()).hasSize(length);
        assertThat(code.value().chars()).allMatch(c -> InviteCode.ALPHABET.indexOf(c) >= 0);
        assertThat(InviteCode.parse(code.value())).isEqualTo(code);
        assertThat(InviteCode.parse(code.display(), length)).isEqualTo(code);
        assertThat(InviteCode.normalize(code.value())).isEqualTo(code.value());
    }

    @Property(tries = 2000)
    void confusableTypingParsesToTheOriginal(@ForAll("typedCodes") TypedCode typed) {
        assertThat(InviteCode.parse(typed.typed())).isEqualTo(typed.original());
        assertThat(InviteCode.parse(typed.typed(), typed.original().value().length())).isEqualTo(typed.original());
    }

    /** A code and a way a person might type it. */
    record TypedCode(InviteCode original, String typed) {
        @Override
        public String toString() {
            return original + " typed as \"" + typed + "\"";
        }
    }

    /** One symbol of a code and how it was typed. */
    record TypedSymbol(char symbol, String typed) {
    }

    @Provide
    Arbitrary<TypedCode> typedCodes() {
        return typedSymbol().list().ofMinSize(InviteCode.MIN_LENGTH).ofMaxSize(InviteCode.MAX_LENGTH)
                .flatMap(symbols -> separators().map(trailing -> {
                    StringBuilder original = new StringBuilder();
                    StringBuilder typed = new StringBuilder();
                    symbols.forEach(s -> {
                        original.append(s.symbol());
                        typed.append(s.typed());
                    });
                    return new TypedCode(new InviteCode(original.toString()), typed.append(trailing).toString());
                }));
    }

    /** A symbol as typed: a confusable letter or either case, maybe full width, maybe after separators. */
    private static Arbitrary<TypedSymbol> typedSymbol() {
        Arbitrary<Character> symbols = Arbitraries.of(InviteCode.ALPHABET.chars().mapToObj(c -> (char) c).toList());
        return Combinators.combine(symbols, Arbitraries.integers().between(0, 4), Arbitraries.of(false, true), separators())
                .as((symbol, variant, wide, before) -> {
                    List<String> spellings = switch (symbol) {
                        case '0' -> List.of("0", "O", "o");
                        case '1' -> List.of("1", "I", "i", "L", "l");
                        default -> List.of(String.valueOf(symbol), String.valueOf(symbol).toLowerCase(Locale.ROOT));
                    };
                    String spelled = spellings.get(variant % spellings.size());
                    return new TypedSymbol(symbol, before + (wide ? fullWidth(spelled) : spelled));
                });
    }

    private static Arbitrary<String> separators() {
        return Arbitraries.of("", "", "", "", "-", " ", "\t", "\u00A0", "\u2010", "\u2011", "\u2012", "\u2013",
                        "\u2014", "\u2015", "\u2212", "\uFE63", "\uFF0D", "\u3000", "\u2009")
                .list().ofMaxSize(2).map(list -> String.join("", list));
    }

    private static String fullWidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append((char) (c + 0xFEE0)));
        return wide.toString();
    }

    @Provide
    Arbitrary<String> anyUnicode() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 0x10FFFF)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 0x3000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xFB00, 0xFFFF)));
        return codePoints.filter(cp -> cp < 0xD800 || cp > 0xDFFF).list().ofMaxSize(30).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /** Characters whose case mapping, compatibility form or combining behaviour is unusual. */
    @Provide
    Arbitrary<String> tricky() {
        String pool = "OoIiLl01AaZz \t-\u00A0\u00A8\u00AD\u00B4\u00DF\u0130\u0131\u0149\u017F\u01C4\u01C5\u01C6"
                + "\u0300\u0301\u0307\u0308\u0323\u0334\u0338\u0345\u0390\u03B0\u1E9E\u1FB3\u2010\u2013\u2014\u2126"
                + "\u212A\u212B\u2160\u216B\u2212\u2460\u3000\u30FC\u3099\u309A\u304B\u30AB\uFB00\uFB03\uFB05"
                + "\uFF0D\uFF2F\uFF4F\uFF29\uFF2C\uFF4C\u1D43\u02B0\u2070\u00BD\u2474\u2488\u3380\u33A1\u0F73\u0F75";
        return Arbitraries.of(pool.chars().mapToObj(c -> (char) c).toList())
                .list().ofMaxSize(16).map(list -> {
                    StringBuilder text = new StringBuilder();
                    list.forEach(text::append);
                    return text.toString();
                });
    }
}

package io.invitekit.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class SubdomainProperties {

    @Property(tries = 3000)
    void aSuggestionIsAValidSubdomainOrAnInvalidSubdomainRefusal(@ForAll("names") String name) {
        Subdomain suggested;
        try {
            suggested = Subdomain.suggestFrom(name);
        } catch (InvalidValueException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_SUBDOMAIN);
            assertThat(asciiLettersAndDigits(name)).as("refused although it holds three latin letters or digits")
                    .isLessThan(Subdomain.MIN_LENGTH);
            Statistics.label("outcome").collect("refused");
            return;
        }
        Statistics.label("outcome").collect("suggested");
        Statistics.label("outcome").coverage(checker -> {
            checker.check("suggested").percentage(p -> p > 30);
            checker.check("refused").percentage(p -> p > 1);
        });

        assertThat(suggested.value()).matches("[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]").doesNotContain("--");
        assertThat(Subdomain.of(suggested.value())).isEqualTo(suggested);
        assertThat(Subdomain.suggestFrom(suggested.value())).isEqualTo(suggested);
    }

    @Property
    void aSuggestionFromArbitraryCharsNeverFailsOtherwise(@ForAll String name) {
        Throwable thrown = catchThrowable(() -> {
            Subdomain suggested = Subdomain.suggestFrom(name);
            assertThat(Subdomain.suggestFrom(suggested.value())).isEqualTo(suggested);
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidValueException.class);
            assertThat(((InvalidValueException) thrown).code()).isEqualTo(ErrorCode.INVALID_SUBDOMAIN);
        }
    }

    @Property
    void aSuffixedSubdomainIsValidAndEndsWithItsNumber(@ForAll("subdomains") Subdomain base,
                                                        @ForAll @IntRange(min = 2, max = 1_000_000) int n) {
        Subdomain suffixed = base.withSuffix(n);

        assertThat(suffixed.value()).endsWith("-" + n).hasSizeLessThanOrEqualTo(Subdomain.MAX_LENGTH);
        assertThat(Subdomain.of(suffixed.value())).isEqualTo(suffixed);
    }

    @Property
    void candidatesAreTheFirstUnreservedOfBaseThenBaseWithSuffixes(
            @ForAll("subdomains") Subdomain base,
            @ForAll @IntRange(min = 0, max = 10) int count,
            @ForAll @Size(max = 6) Set<@IntRange(min = 1, max = 12) Integer> reservedSuffixes) {
        Set<String> reserved = new HashSet<>(SubdomainPolicy.DEFAULT_RESERVED);
        reservedSuffixes.forEach(n -> reserved.add(n == 1 ? base.value() : base.withSuffix(n).value()));
        SubdomainPolicy policy = new SubdomainPolicy(reserved);
        List<Subdomain> expected = new ArrayList<>();
        if (!policy.isReserved(base)) {
            expected.add(base);
        }
        for (int n = 2; expected.size() < count + 1; n++) {
            Subdomain next = base.withSuffix(n);
            if (!policy.isReserved(next)) {
                expected.add(next);
            }
        }

        assertThat(policy.candidates(base, count)).containsExactlyElementsOf(expected.subList(0, count))
                .noneMatch(policy::isReserved);
    }

    private static long asciiLettersAndDigits(String text) {
        return text.chars().filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                .count();
    }

    @Provide
    Arbitrary<Subdomain> subdomains() {
        Arbitrary<String> words = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(3).ofMaxLength(63)
                .filter(s -> !s.startsWith("-") && !s.endsWith("-") && !s.startsWith("xn--"));
        return Arbitraries.oneOf(words, Arbitraries.of(SubdomainPolicy.DEFAULT_RESERVED)).map(Subdomain::of);
    }

    /** Business names: Latin letters with accents, other scripts, symbols, emoji, long runs. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(3, Arbitraries.integers().between(0xA0, 0x24F)),
                Tuple.of(1, Arbitraries.integers().between(0x300, 0x36F)),
                Tuple.of(1, Arbitraries.integers().between(0x370, 0x3000)),
                Tuple.of(1, Arbitraries.integers().between(0xFF00, 0xFFEF)),
                Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF)));
        return codePoints.list().ofMaxSize(120).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::appendCodePoint);
            return text.toString();
        });
    }
}

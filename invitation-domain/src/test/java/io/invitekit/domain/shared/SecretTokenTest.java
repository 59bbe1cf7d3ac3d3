package io.invitekit.domain.shared;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTokenTest {
    private static final String FORTY_THREE_AS = "A".repeat(43);

    @Test
    void isFortyThreeCharactersOfBase64UrlWithoutPadding() {
        SecretToken token = SecretToken.generate(new SplittableRandom(7));

        assertThat(token.reveal()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token.reveal())).hasSize(32);
    }

    @Test
    void carriesThirtyTwoBytesFromTheRandomSource() {
        SplittableRandom random = new SplittableRandom(42);
        SecretToken token = SecretToken.generate(random);
        byte[] expected = new byte[32];
        new SplittableRandom(42).nextBytes(expected);

        assertThat(Base64.getUrlDecoder().decode(token.reveal())).isEqualTo(expected);
    }

    @Test
    void differsFromOneTokenToTheNext() {
        SplittableRandom random = new SplittableRandom(1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(SecretToken.generate(random).reveal());
        }

        assertThat(seen).hasSize(1000);
    }

    @Test
    void digestIsTheSha256OfTheValueInLowerCaseHex() {
        // sha256sum of 43 'A' characters, computed outside Java.
        assertThat(SecretToken.parse(FORTY_THREE_AS).digest())
                .isEqualTo(new TokenDigest("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a"));
    }

    @Test
    void digestIsTheSameForTheSameValueAndDiffersOtherwise() {
        SecretToken token = SecretToken.generate(new SplittableRandom(3));

        assertThat(SecretToken.parse(token.reveal()).digest()).isEqualTo(token.digest());
        assertThat(SecretToken.generate(new SplittableRandom(4)).digest()).isNotEqualTo(token.digest());
    }

    @Test
    void parsesWhatItIssued() {
        SecretToken token = SecretToken.generate(new SplittableRandom(9));

        assertThat(SecretToken.parse(token.reveal())).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 42, 44, 64})
    void refusesTheWrongLengthAsNotFound(int length) {
        assertInvalid(() -> SecretToken.parse("a".repeat(length)), ErrorCode.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "=", " ", ".", "é", "\u0000"})
    void refusesCharactersOutsideBase64UrlAsNotFound(String bad) {
        String presented = "A".repeat(42) + bad;

        assertInvalid(() -> SecretToken.parse(presented), ErrorCode.NOT_FOUND);
    }

    @Test
    void refusesNullAsNotFound() {
        assertInvalid(() -> SecretToken.parse(null), ErrorCode.NOT_FOUND);
    }

    @Test
    void neverShowsItsValueInToString() {
        SecretToken token = SecretToken.generate(new SplittableRandom(11));

        assertThat(token.toString()).doesNotContain(token.reveal()).isEqualTo("SecretToken[redacted]");
        assertThat(String.valueOf(SecretToken.parse(FORTY_THREE_AS))).doesNotContain("AAAA");
    }
}

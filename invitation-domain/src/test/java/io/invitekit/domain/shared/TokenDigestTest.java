package io.invitekit.domain.shared;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenDigestTest {

    @Test
    void accepts64LowerCaseHexDigits() {
        String hex = "0123456789abcdef".repeat(4);

        assertThat(new TokenDigest(hex).hex()).isEqualTo(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
    void refusesAnythingElse(String hex) {
        assertInvalid(() -> new TokenDigest(hex));
    }

    @Test
    void refusesNull() {
        assertInvalid(() -> new TokenDigest(null));
    }

    @Test
    void hashesTheRawTokenWithSha256() {
        // FIPS 180-2 test vector for "abc".
        assertThat(TokenDigest.of("abc").hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

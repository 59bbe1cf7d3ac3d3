package io.invitekit.domain.account;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.shared.EmailAddress;
import org.junit.jupiter.api.Test;

class PasswordTest {
    private static final EmailAddress EMAIL = EmailAddress.of("owner@shop.example");

    @Test
    void acceptsEightCharacters() {
        assertThat(Password.forAccount("12345678", EMAIL).reveal()).isEqualTo("12345678");
    }

    @Test
    void refusesSevenCharacters() {
        assertInvalid(() -> Password.forAccount("1234567", EMAIL));
    }

    @Test
    void acceptsOneHundredTwentyEightCharacters() {
        assertThat(Password.forAccount("p".repeat(128), EMAIL).reveal()).hasSize(128);
    }

    @Test
    void refusesOneHundredTwentyNineCharacters() {
        assertInvalid(() -> Password.forAccount("p".repeat(129), EMAIL));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String fourEmoji = "\uD83D\uDD11".repeat(4); // 8 UTF-16 units, 4 characters

        assertInvalid(() -> Password.forAccount(fourEmoji, EMAIL));
    }

    @Test
    void refusesAMissingPassword() {
        assertInvalid(() -> Password.forAccount(null, EMAIL));
        assertInvalid(() -> Password.forAccount("", EMAIL));
    }

    @Test
    void refusesTheAccountsOwnEmailInAnyCase() {
        assertInvalid(() -> Password.forAccount("owner@shop.example", EMAIL));
        assertInvalid(() -> Password.forAccount("Owner@Shop.Example", EMAIL));
        assertInvalid(() -> Password.forAccount(" owner@shop.example ", EMAIL));
    }

    @Test
    void acceptsAnotherAccountsEmail() {
        assertThat(Password.forAccount("someone@else.example", EMAIL).reveal()).isEqualTo("someone@else.example");
    }

    @Test
    void keepsSurroundingSpacesBecauseTheyAreCharacters() {
        assertThat(Password.forAccount("  secret words  ", EMAIL).reveal()).isEqualTo("  secret words  ");
    }

    @Test
    void neverShowsItsValueInToString() {
        Password password = Password.forAccount("correct horse battery", EMAIL);

        assertThat(password.toString()).doesNotContain("correct").doesNotContain("horse").contains("redacted");
    }

    @Test
    void checksOnlyPresenceAndAnUpperBoundWhenPresentedAtLogIn() {
        assertThat(Password.presented("short").reveal()).isEqualTo("short");
        assertInvalid(() -> Password.presented(""));
        assertInvalid(() -> Password.presented("x".repeat(4 * Password.MAX_LENGTH + 1)));
    }

    @Test
    void hidesAPasswordHashInToString() {
        assertThat(new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")).hasToString("PasswordHash[redacted]");
        assertInvalid(() -> new PasswordHash(" "));
    }

    @Test
    void isHashedInItsNfkcFormWhichIsTheSameForComposedDecomposedAndFullwidthTyping() {
        String composed = "caf\u00e9 passw\u00f6rd 12";
        String decomposed = "cafe\u0301 passwo\u0308rd 12";
        String fullwidth = "caf\u00e9 passw\u00f6rd \uff11\uff12";

        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(Password.presented(decomposed).normalized().reveal()).isEqualTo(composed);
        assertThat(Password.presented(fullwidth).normalized().reveal()).isEqualTo(composed);
        Password alreadyNormal = Password.presented(composed);
        assertThat(alreadyNormal.normalized()).isSameAs(alreadyNormal);
        assertThat(Password.presented(decomposed).reveal()).as("the typed form is kept").isEqualTo(decomposed);
    }
}

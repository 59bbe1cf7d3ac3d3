package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private final Argon2idPasswordHasher hasher =
            new Argon2idPasswordHasher(new Configuration.Argon2(19_456, 2, 1), new SecureRandom());

    @Test
    void hashesInPhcFormatWithTheConfiguredParametersAndASaltOfItsOwn() {
        PasswordHash first = hasher.hash(Password.presented("correct horse battery"));
        PasswordHash second = hasher.hash(Password.presented("correct horse battery"));

        assertThat(first.encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void verifiesTheRightPasswordOnlyEvenAfterTheParametersChange() {
        PasswordHash hash = hasher.hash(Password.presented("correct horse battery"));
        Argon2idPasswordHasher stronger = new Argon2idPasswordHasher(new Configuration.Argon2(32_768, 3, 1), new SecureRandom());

        assertThat(hasher.verify(Password.presented("correct horse battery"), hash)).isTrue();
        assertThat(stronger.verify(Password.presented("correct horse battery"), hash)).isTrue();
        assertThat(hasher.verify(Password.presented("correct horse batterY"), hash)).isFalse();
    }

    @Test
    void anUnknownOrBrokenHashNeverVerifies() {
        Password password = Password.presented("anything at all");
        assertThat(hasher.verify(password, new PasswordHash("$2a$10$abcdefghijklmnopqrstuv"))).isFalse();
        assertThat(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=x,t=2,p=1$AAAA$BBBB"))).isFalse();
        assertThat(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$!!!$###"))).isFalse();
        assertThat(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=1,t=0,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).isFalse();
    }
}

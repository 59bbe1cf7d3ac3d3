package io.invitekit.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.invitekit.domain.shared.EmailAddress;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserProfileTest {
    private final UserId id = new UserId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-0000000000aa"));
    private final EmailAddress email = EmailAddress.of("ada@example.org");

    @Test
    void theDisplayNameIsTheNamesJoined() {
        assertThat(new UserProfile(id, email, " Ada ", " Lovelace ").displayName()).isEqualTo("Ada Lovelace");
        assertThat(UserProfile.named(id, email, "Countess of Lovelace").displayName()).isEqualTo("Countess of Lovelace");
        assertThat(new UserProfile(id, email, null, "Lovelace").displayName()).isEqualTo("Lovelace");
    }

    @Test
    void aUserWithoutNamesIsShownByTheirEmail() {
        UserProfile nameless = new UserProfile(id, email, null, "  ");

        assertThat(nameless.firstName()).isEmpty();
        assertThat(nameless.lastName()).isEmpty();
        assertThat(nameless.displayName()).isEqualTo("ada@example.org");
    }

    @Test
    void needsAnIdAndAnEmail() {
        assertThatNullPointerException().isThrownBy(() -> new UserProfile(null, email, "Ada", "Lovelace"));
        assertThatNullPointerException().isThrownBy(() -> new UserProfile(id, null, "Ada", "Lovelace"));
    }
}

package io.invitekit.domain.shared;

import static io.invitekit.domain.shared.Refusals.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.tenant.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedIdTest {
    private static final UUID UUID_V7 = UUID.fromString("019a1b2c-3d4e-7f00-8abc-0123456789ab");

    @Test
    void everyTypedIdParsesItsTextForm() {
        String text = UUID_V7.toString();

        assertThat(TenantId.parse(text)).contains(new TenantId(UUID_V7));
        assertThat(UserId.parse(text)).contains(new UserId(UUID_V7));
        assertThat(InvitationId.parse(text)).contains(new InvitationId(UUID_V7));
        assertThat(JoinCodeId.parse(text)).contains(new JoinCodeId(UUID_V7));
        assertThat(SessionId.parse(text)).contains(new SessionId(UUID_V7));
    }

    @Test
    void printsAsThePlainUuid() {
        assertThat(new TenantId(UUID_V7)).hasToString("019a1b2c-3d4e-7f00-8abc-0123456789ab");
        assertThat(new InvitationId(UUID_V7)).hasToString("019a1b2c-3d4e-7f00-8abc-0123456789ab");
    }

    @Test
    void parsesUpperCaseHex() {
        assertThat(TenantId.parse("019A1B2C-3D4E-7F00-8ABC-0123456789AB")).contains(new TenantId(UUID_V7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "not-a-uuid", "019a1b2c3d4e7f008abc0123456789ab",
            "019a1b2c-3d4e-7f00-8abc-0123456789ab0", "019a1b2c-3d4e-7f00-8abc-0123456789a",
            "019a1b2c-3d4e-7f00-8abc-0123456789ag", "1-1-1-1-1"})
    void findsNoIdInOtherText(String text) {
        assertThat(TenantId.parse(text)).isEmpty();
        assertThat(InvitationId.parse(text)).isEmpty();
    }

    /** {@code UUID.fromString} lets a sign through in front of a group; an id's text form has none. */
    @ParameterizedTest
    @ValueSource(strings = {"+0000000-0000-0000-0000-000000000000", "019a1b2c-+d4e-7f00-8abc-0123456789ab",
            "019a1b2c-3d4e-7f00-+abc-0123456789ab"})
    void findsNoIdInTextThatOnlyALenientParserWouldRead(String text) {
        assertThat(TenantId.parse(text)).isEmpty();
    }

    @Test
    void findsNoIdInNull() {
        assertThat(UserId.parse(null)).isEmpty();
    }

    @Test
    void refusesANullUuid() {
        assertInvalid(() -> new TenantId(null));
        assertInvalid(() -> new UserId(null));
    }

    @Test
    void idsOfDifferentKindsAreNeverEqual() {
        assertThat((Object) new TenantId(UUID_V7)).isNotEqualTo(new UserId(UUID_V7));
    }
}

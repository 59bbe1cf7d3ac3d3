package io.invitekit.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.domain.shared.SecretToken;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionOriginTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aLongUserAgentIsCutToWhatIsStoredNeverSplittingACharacter() {
        String agent = "a".repeat(253) + "😀" + "tail"; // the emoji is two UTF-16 units

        SessionOrigin origin = new SessionOrigin("203.0.113.9", agent);

        assertThat(origin.userAgent()).hasSize(SessionOrigin.MAX_USER_AGENT).endsWith("a😀");
        assertThat(origin.clientAddress()).isEqualTo("203.0.113.9");
        assertThat(new SessionOrigin(null, "a".repeat(254) + "😀").userAgent())
                .as("a character that would not fit whole is left out").isEqualTo("a".repeat(254));
    }

    @Test
    void anAgentOfWideCharactersFitsAColumnCountedInUtf16UnitsOrInCodePoints() {
        String agent = new SessionOrigin(null, "😀".repeat(300)).userAgent();

        assertThat(agent).hasSizeLessThanOrEqualTo(SessionOrigin.MAX_USER_AGENT);
        assertThat(agent).isEqualTo("😀".repeat(SessionOrigin.MAX_USER_AGENT / 2));
    }

    @Test
    void controlCharactersLoneSurrogatesAndBlanksAreDropped() {
        assertThat(new SessionOrigin(null, "Evil\r\nSet-Cookie: x\u0000\ud800").userAgent()).isEqualTo("EvilSet-Cookie: x");
        assertThat(new SessionOrigin("  ", "\t").userAgent()).isNull();
        assertThat(new SessionOrigin("  ", null).clientAddress()).isNull();
        assertThat(new SessionOrigin("x".repeat(100), null).clientAddress()).hasSize(SessionOrigin.MAX_CLIENT_ADDRESS);
    }

    @Test
    void aBrowserSessionHasNoRefreshTokenAndAnApiSessionNeedsOne() {
        SplittableRandom random = new SplittableRandom(3);
        SessionId id = new SessionId(UUID.randomUUID());
        UserId user = new UserId(UUID.randomUUID());

        Session browser = new Session(id, user, SessionKind.BROWSER, SecretToken.generate(random).digest(), null, T0, T0,
                T0.plusSeconds(60), T0.plusSeconds(60), null);
        assertThat(browser.refreshValidAt(T0)).isFalse();
        assertThat(browser.origin()).isEqualTo(SessionOrigin.UNKNOWN);
        assertThatThrownBy(() -> new Session(id, user, SessionKind.API, SecretToken.generate(random).digest(), null, T0, T0,
                T0.plusSeconds(60), T0.plusSeconds(60), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(id, user, SessionKind.BROWSER, SecretToken.generate(random).digest(),
                SecretToken.generate(random).digest(), T0, T0, T0.plusSeconds(60), T0.plusSeconds(60), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastUseIsStaleFiveMinutesAfterItWasWritten() {
        Session session = new Session(new SessionId(UUID.randomUUID()), new UserId(UUID.randomUUID()),
                SecretToken.generate(new SplittableRandom(4)).digest(), SecretToken.generate(new SplittableRandom(5)).digest(),
                T0, T0.plusSeconds(3600), T0.plusSeconds(7200));

        assertThat(session.lastUsedIsStaleAt(T0.plus(Session.LAST_USED_GRANULARITY).minusNanos(1000))).isFalse();
        assertThat(session.lastUsedIsStaleAt(T0.plus(Session.LAST_USED_GRANULARITY))).isTrue();
    }
}

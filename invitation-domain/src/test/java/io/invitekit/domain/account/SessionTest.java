package io.invitekit.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.SecretToken;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void accessAndRefreshAreValidUntilJustBeforeTheirExpiry() {
        SplittableRandom random = new SplittableRandom(1);
        Session session = new Session(new SessionId(UUID.randomUUID()), new UserId(UUID.randomUUID()),
                SecretToken.generate(random).digest(), SecretToken.generate(random).digest(), T0,
                T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofDays(30)));

        assertThat(session.accessValidAt(T0.plus(Duration.ofHours(1)).minusNanos(1))).isTrue();
        assertThat(session.accessValidAt(T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(session.refreshValidAt(T0.plus(Duration.ofDays(30)).minusNanos(1))).isTrue();
        assertThat(session.refreshValidAt(T0.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void anAccountKnowsWhetherItIsAPlatformAdminAndItsDisplayName() {
        Account admin = account(PlatformRole.PLATFORM_ADMIN);
        Account member = account(PlatformRole.NONE);

        assertThat(admin.isPlatformAdmin()).isTrue();
        assertThat(member.isPlatformAdmin()).isFalse();
        assertThat(member.displayName()).isEqualTo("Zoë Ñúñez");
    }

    private static Account account(PlatformRole role) {
        return new Account(new UserId(UUID.randomUUID()), EmailAddress.of("zoe@example.com"),
                new PasswordHash("$argon2id$hash"), Name.of("Zoë"), Name.of("Ñúñez"), role, T0);
    }
}

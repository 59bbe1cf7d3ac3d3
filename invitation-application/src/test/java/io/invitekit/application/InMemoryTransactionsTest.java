package io.invitekit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory transactions keep the promises a database keeps. */
class InMemoryTransactionsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private final InMemoryStorage storage = new InMemoryStorage();

    @Test
    void aStoreRefusalCaughtInsideATransactionStillUndoesIt() {
        storage.accounts().add(account("taken@example.org"));
        Account other = account("other@example.org");

        assertThatThrownBy(() -> storage.transactions().run(() -> {
            storage.accounts().add(other);
            try {
                storage.accounts().add(account("taken@example.org"));
            } catch (DomainException ignoredByAForgetfulCaller) {
                // a database would refuse to commit now; so does this
            }
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));

        assertThat(storage.accounts().byEmail(EmailAddress.of("other@example.org"))).isEmpty();
    }

    @Test
    void sessionsAreUndoneWithTheTransaction() {
        Session session = new Session(new SessionId(UUID.randomUUID()), new UserId(UUID.randomUUID()),
                SecretToken.generate(new Random(1)).digest(), SecretToken.generate(new Random(2)).digest(), NOW,
                NOW.plusSeconds(60), NOW.plusSeconds(600));
        assertThatThrownBy(() -> storage.transactions().run(() -> {
            storage.sessions().add(session);
            throw new IllegalStateException("later failure");
        })).hasMessage("later failure");
        assertThat(storage.sessions().byAccessDigest(session.accessDigest())).isEmpty();
    }

    @Test
    void aFailedClaimReleasesNothing() {
        InvitationId mine = new InvitationId(UUID.randomUUID());
        storage.subdomains().reserve(Subdomain.of("mine"), mine, NOW.plusSeconds(3600), NOW);
        storage.subdomains().claim(Subdomain.of("theirs"), new TenantId(UUID.randomUUID()), null, NOW);

        assertThatThrownBy(() -> storage.subdomains().claim(Subdomain.of("theirs"), new TenantId(UUID.randomUUID()), mine, NOW))
                .isInstanceOf(SubdomainTakenException.class);
        assertThat(storage.subdomains().isHeld(Subdomain.of("mine"), NOW)).isTrue();
    }

    private static Account account(String email) {
        return new Account(new UserId(UUID.randomUUID()), EmailAddress.of(email), new PasswordHash("x"), Name.of("A"),
                Name.of("B"), PlatformRole.NONE, NOW);
    }
}

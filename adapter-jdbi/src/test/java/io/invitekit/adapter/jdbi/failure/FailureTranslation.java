package io.invitekit.adapter.jdbi.failure;

import io.invitekit.application.port.in.LogIn;
import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static io.invitekit.adapter.jdbi.testing.Fixtures.invitation;
import static io.invitekit.adapter.jdbi.testing.Fixtures.message;
import static io.invitekit.adapter.jdbi.testing.Fixtures.plainTenant;
import static io.invitekit.adapter.jdbi.testing.Fixtures.subdomain;
import static io.invitekit.adapter.jdbi.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.CrashingStorage;
import io.invitekit.adapter.jdbi.testing.CrashingStorage.CrashPoint;
import io.invitekit.adapter.jdbi.testing.CrashingStorage.SimulatedCrash;
import io.invitekit.adapter.jdbi.testing.SwitchableDataSource;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Database failures cross no port raw: conflicts become the domain's refusals, an unreachable
 * database becomes {@link StoreUnavailableException}, and a crash half-way leaves nothing written.
 */
public abstract class FailureTranslation {
    private static final String PASSWORD = "a long enough password";

    protected abstract TestDatabase database();

    /** A URL of this kind of database on a port where nothing listens. */
    protected abstract String unreachableUrl(int closedPort);

    private Storage storage() {
        return database().storage();
    }

    @Test
    void a_taken_email_is_email_taken() {
        Account first = account(email("dup"));
        storage().accounts().add(first);

        assertThatThrownBy(() -> storage().accounts().add(account(first.email())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN))
                .hasNoCause();
    }

    @Test
    void a_second_pending_invitation_is_invitation_pending_exists() {
        TenantInvitation first = invitation(email("dup"));
        storage().invitations().add(first);

        assertThatThrownBy(() -> storage().invitations().add(invitation(first.email())))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_PENDING_EXISTS));
    }

    @Test
    void a_tenant_on_a_taken_subdomain_is_subdomain_taken_naming_it() {
        Tenant first = plainTenant(subdomain("dup"));
        storage().tenants().add(first);

        assertThatThrownBy(() -> storage().tenants().add(plainTenant(first.subdomain())))
                .isInstanceOfSatisfying(SubdomainTakenException.class,
                        e -> assertThat(e.subdomain()).isEqualTo(first.subdomain()));
    }

    @Test
    void a_conflict_inside_a_transaction_rolls_it_back_and_leaves_as_the_refusal() {
        Account taken = account(email("taken"));
        storage().accounts().add(taken);
        Account fresh = account(email("fresh"));

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            storage().accounts().add(fresh);
            storage().outbox().enqueue(message("conflict", NOW));
            storage().accounts().add(account(taken.email()));
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));

        assertThat(storage().accounts().byId(fresh.id())).isEmpty();
        assertThat(storage().outbox().backlog()).isZero();
        assertThat(storage().accounts().byId(taken.id())).contains(taken);
    }

    @Test
    void an_outage_is_store_unavailable_everywhere_and_ends_without_a_restart() {
        SwitchableDataSource dataSource = new SwitchableDataSource(database().dataSource());
        JdbiStorage storage = JdbiStorage.create(dataSource);
        Account account = account(email("outage"));
        dataSource.setDown(true);

        assertThatThrownBy(() -> storage.accounts().byEmail(account.email())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> storage.accounts().add(account)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> storage.transactions().run(() -> storage.accounts().add(account)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot be reached");
        assertThatThrownBy(() -> storage.outbox().claimDue("relay", NOW, Duration.ofMinutes(1), 10))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> storage.memberships().count(plainTenant(subdomain("x")).id()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> JdbiStorage.migrateAndCreate(dataSource)).isInstanceOf(StoreUnavailableException.class);
        assertThat(storage.isAvailable()).isFalse();

        dataSource.setDown(false);

        assertThat(storage.isAvailable()).isTrue();
        storage.accounts().add(account);
        assertThat(storage.accounts().byEmail(account.email())).contains(account);
    }

    @Test
    void a_pool_pointed_at_a_closed_port_is_store_unavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HikariDataSource pool = Databases.pool(
                DatabaseSettings.of(unreachableUrl(closedPort)).withPool(2, Duration.ofMillis(250)))) {
            assertThatThrownBy(() -> JdbiStorage.migrateAndCreate(pool))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> JdbiStorage.create(pool))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot be reached");
        }
    }

    @Test
    void a_closed_pool_is_store_unavailable() {
        HikariDataSource pool = Databases.pool(DatabaseSettings.of(database().url()));
        JdbiStorage storage = JdbiStorage.create(pool);
        Account account = account(email("closed"));
        storage.accounts().add(account);

        pool.close();

        assertThatThrownBy(() -> storage.accounts().byId(account.id())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> storage.transactions().run(() -> storage.outbox().enqueue(message("closed", NOW))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(storage().accounts().byId(account.id())).contains(account);
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void a_crash_in_the_middle_of_accept_leaves_nothing_written(CrashPoint crashPoint) {
        RecordingMailSender mail = new RecordingMailSender();
        Invitekit kit = kit(storage(), mail);
        kit.accounts().createFirstPlatformAdmin("admin@example.com", "admin password 1");
        Actor admin = Actor.platformAdmin(kit.accounts().login(LogIn.with("admin@example.com", "admin password 1")).user().id());
        EmailAddress owner = EmailAddress.of(unique("owner") + "@example.com");
        String reserved = unique("reserved");
        kit.invitations().create(admin, NewTenantInvitation.to(owner).businessName("Crash Test").reserveSubdomain(reserved));
        kit.delivery().relayOnce();
        String link = ((TenantInvitationMail) mail.sent().get(0).mail()).link().toString();
        String token = link.substring(link.indexOf("#token=") + "#token=".length());
        TenantInvitation before = storage().invitations().storedPendingFor(owner).orElseThrow();
        long auditBefore = database().count("SELECT count(*) FROM invitekit_audit_events");
        long sessionsBefore = database().count("SELECT count(*) FROM invitekit_sessions");
        AcceptInvitation accept = AcceptInvitation.token(token).businessName("Crash Test").subdomain(reserved).build();
        OwnerCredentials credentials = OwnerCredentials.password(PASSWORD).name("Olga", "Owner");

        Invitekit crashing = kit(new CrashingStorage(storage(), crashPoint), mail);
        assertThatThrownBy(() -> crashing.accounts().acceptInvitation(accept.toBuilder(), credentials)).isInstanceOf(SimulatedCrash.class);

        assertThat(database().count("SELECT count(*) FROM invitekit_tenants")).isZero();
        assertThat(database().count("SELECT count(*) FROM invitekit_tenant_domains")).isZero();
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships")).isZero();
        assertThat(database().count("SELECT count(*) FROM invitekit_accounts WHERE email = ?", owner.value())).isZero();
        assertThat(database().count("SELECT count(*) FROM invitekit_subdomain_claims WHERE tenant_id IS NOT NULL")).isZero();
        assertThat(database().count("SELECT count(*) FROM invitekit_subdomain_claims WHERE subdomain = ? AND invitation_id = ?",
                reserved, before.id().value())).as("the reservation is back").isEqualTo(1);
        assertThat(database().count("SELECT count(*) FROM invitekit_audit_events")).isEqualTo(auditBefore);
        assertThat(database().count("SELECT count(*) FROM invitekit_sessions")).as("no session for an accept that did not happen")
                .isEqualTo(sessionsBefore);
        TenantInvitation after = storage().invitations().byId(before.id()).orElseThrow();
        assertThat(after).isEqualTo(before);
        assertThat(after.storedStatus()).isEqualTo(InvitationStatus.PENDING);

        AcceptResult retried = kit.accounts().acceptInvitation(accept.toBuilder(), credentials);
        assertThat(retried.tenant().subdomain()).isEqualTo(reserved);
        assertThat(database().count("SELECT count(*) FROM invitekit_tenants")).isEqualTo(1);
        assertThat(kit.accounts().authenticate(retried.auth().accessToken())).as("the retry signs the owner in")
                .map(Actor::id).contains(retried.auth().user().id());
    }

    private static Invitekit kit(Storage storage, RecordingMailSender mail) {
        return Invitekit.builder()
                .storage(storage)
                .mailSender(mail)
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM))
                .random(RANDOM)
                .build();
    }
}

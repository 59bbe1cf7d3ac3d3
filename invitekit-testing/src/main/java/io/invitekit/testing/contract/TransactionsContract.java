package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aJoinCode;
import static io.invitekit.testing.fixtures.Fixtures.aMembership;
import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.anAccount;
import static io.invitekit.testing.fixtures.Fixtures.anInvitation;
import static io.invitekit.testing.fixtures.Fixtures.anOutboxMessage;
import static io.invitekit.testing.fixtures.Fixtures.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transactions} must do: all or nothing across every port of the store, nested
 * calls joining the outer one, and writes outside any transaction standing on their own.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code transactions()}
 * is under test, with every other port of the same store, the same instance throughout one test,
 * and empty when each test starts.
 */
public abstract class TransactionsContract {

    /** For a subclass, which provides the store under test. */
    public TransactionsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code transactions()} this suite checks, across all its ports
     */
    protected abstract Storage storage();

    private Transactions transactions() {
        return storage().transactions();
    }

    @Test
    void a_transaction_that_returns_keeps_its_writes_and_hands_back_its_result() {
        Account account = anAccount().build();

        String result = transactions().inTransaction(() -> {
            storage().accounts().add(account);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(storage().accounts().byId(account.id())).contains(account);
    }

    @Test
    void an_exception_undoes_every_write_of_every_port_and_leaves_unchanged() {
        TenantInvitation invitation = anInvitation().build();
        Subdomain subdomain = subdomain("undone");
        Tenant tenant = aTenant().subdomain(subdomain).build();
        Account account = anAccount().build();
        OutboxMessage mail = anOutboxMessage().about(invitation.id().toString()).build();
        RuntimeException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactions().run(() -> {
            storage().invitations().add(invitation);
            storage().subdomains().claim(subdomain, tenant.id(), null, NOW);
            storage().tenants().add(tenant);
            storage().accounts().add(account);
            storage().memberships().add(aMembership().tenant(tenant.id()).user(account.id()).role(Role.OWNER).build(),
                    Limit.UNLIMITED);
            JoinCode code = aJoinCode().tenant(tenant.id()).build();
            storage().joinCodes().add(code);
            storage().outbox().enqueue(mail);
            storage().auditLog().record(new AuditEvent(UUID.randomUUID(), NOW, account.id(), "test.undone", 1, tenant.id(),
                    "x", Map.of()));
            throw failure;
        })).isSameAs(failure);

        assertThat(storage().invitations().byId(invitation.id())).isEmpty();
        assertThat(storage().invitations().storedPendingFor(invitation.email())).isEmpty();
        assertThat(storage().subdomains().isHeld(subdomain, NOW)).isFalse();
        assertThat(storage().tenants().byId(tenant.id())).isEmpty();
        assertThat(storage().accounts().byEmail(account.email())).isEmpty();
        assertThat(storage().memberships().ofUser(account.id())).isEmpty();
        assertThat(storage().joinCodes().activeFor(tenant.id())).isEmpty();
        assertThat(storage().outbox().backlog()).isZero();
        // and everything can be written again, as if nothing had happened
        storage().tenants().add(tenant);
        assertThat(storage().tenants().byId(tenant.id())).contains(tenant);
    }

    @Test
    void a_nested_transaction_joins_the_outer_one_and_falls_with_it() {
        Account inner = anAccount().build();
        Account outer = anAccount().build();
        RuntimeException failure = new IllegalArgumentException("outer fails after inner returned");

        assertThatThrownBy(() -> transactions().run(() -> {
            storage().accounts().add(outer);
            String innerResult = transactions().inTransaction(() -> {
                storage().accounts().add(inner);
                return "inner done";
            });
            assertThat(innerResult).isEqualTo("inner done");
            assertThat(storage().accounts().byId(inner.id())).contains(inner);
            throw failure;
        })).isSameAs(failure);

        assertThat(storage().accounts().byIds(List.of(inner.id(), outer.id()))).isEmpty();
    }

    @Test
    void writes_outside_any_transaction_stand_on_their_own() {
        Account standalone = anAccount().build();
        storage().accounts().add(standalone);

        assertThatThrownBy(() -> transactions().run(() -> {
            storage().outbox().enqueue(anOutboxMessage().queuedAt(NOW.plus(Duration.ofSeconds(1))).build());
            throw new IllegalStateException("unrelated failure");
        })).hasMessage("unrelated failure");

        assertThat(storage().accounts().byId(standalone.id())).contains(standalone);
    }
}

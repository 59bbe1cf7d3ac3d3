package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.anAccount;
import static io.invitekit.testing.fixtures.Fixtures.email;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Accounts} must do: find an account by id or by address in any case, refuse a
 * second account for one address, and know whether a platform admin exists.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code accounts()} is
 * under test, the same instance throughout one test, and empty when each test starts.
 */
public abstract class AccountsContract {

    /** For a subclass, which provides the store under test. */
    public AccountsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code accounts()} this suite checks
     */
    protected abstract Storage storage();

    private Accounts accounts() {
        return storage().accounts();
    }

    @Test
    void an_added_account_reads_back_by_id_and_by_email_in_any_case() {
        Account account = anAccount().email(email("zoe")).build();
        accounts().add(account);

        assertThat(accounts().byId(account.id())).contains(account);
        assertThat(accounts().byEmail(EmailAddress.of("  " + account.email().value().toUpperCase() + " "))).contains(account);
        assertThat(accounts().byEmail(email("nobody"))).isEmpty();
        assertThat(accounts().byId(new UserId(nextId()))).isEmpty();
    }

    @Test
    void a_second_account_with_the_same_email_is_refused_as_taken() {
        Account first = anAccount().build();
        accounts().add(first);

        assertThatThrownBy(() -> accounts().add(anAccount().email(first.email()).build()))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        assertThat(accounts().byEmail(first.email())).contains(first);
    }

    @Test
    void by_ids_returns_the_accounts_that_exist_once_each() {
        Account a = anAccount().build();
        Account b = anAccount().build();
        accounts().add(a);
        accounts().add(b);

        assertThat(accounts().byIds(List.of(b.id(), a.id(), b.id(), new UserId(nextId())))).containsExactlyInAnyOrder(a, b);
        assertThat(accounts().byIds(List.of())).isEmpty();
    }

    @Test
    void any_platform_admin_turns_true_with_the_first_admin() {
        accounts().add(anAccount().build());
        assertThat(accounts().anyPlatformAdmin()).isFalse();

        accounts().add(anAccount().platformAdmin().build());

        assertThat(accounts().anyPlatformAdmin()).isTrue();
    }

    @Test
    void a_changed_password_hash_reads_back_and_other_accounts_keep_theirs() {
        Account changed = anAccount().build();
        Account other = anAccount().build();
        accounts().add(changed);
        accounts().add(other);

        assertThat(accounts().changePassword(changed.id(), new PasswordHash("a new hash"))).isTrue();

        assertThat(accounts().byId(changed.id()).orElseThrow().passwordHash()).isEqualTo(new PasswordHash("a new hash"));
        assertThat(accounts().byEmail(changed.email()).orElseThrow().passwordHash())
                .isEqualTo(new PasswordHash("a new hash"));
        assertThat(accounts().byId(other.id()).orElseThrow().passwordHash()).isEqualTo(other.passwordHash());
        assertThat(accounts().changePassword(new UserId(nextId()), new PasswordHash("x"))).as("no such account").isFalse();
    }

    @Test
    void a_renamed_account_reads_back_with_its_new_name_and_other_accounts_keep_theirs() {
        Account renamed = anAccount().build();
        Account other = anAccount().build();
        accounts().add(renamed);
        accounts().add(other);

        assertThat(accounts().rename(renamed.id(), io.invitekit.domain.shared.Name.of("Zoë"),
                io.invitekit.domain.shared.Name.of("Ñúñez"))).isTrue();

        Account read = accounts().byEmail(renamed.email()).orElseThrow();
        assertThat(read.firstName().value()).isEqualTo("Zoë");
        assertThat(read.lastName().value()).isEqualTo("Ñúñez");
        assertThat(read.passwordHash()).isEqualTo(renamed.passwordHash());
        assertThat(accounts().byId(other.id()).orElseThrow()).isEqualTo(other);
        assertThat(accounts().rename(new UserId(nextId()), io.invitekit.domain.shared.Name.of("A"),
                io.invitekit.domain.shared.Name.of("B"))).as("no such account").isFalse();
    }
}

package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.anAccount;
import static io.invitekit.testing.fixtures.Fixtures.email;
import static io.invitekit.testing.fixtures.Fixtures.NOW;
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
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Accounts} must do: find an account by id or by address in any case, refuse a
 * second account for one address, know whether a platform admin exists, and change one
 * account's password hash, names and verified email.
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
    void when_the_email_was_verified_reads_back_and_the_first_verification_stays() {
        Account verified = anAccount().emailVerifiedAt(NOW).build();
        Account unverified = anAccount().build();
        accounts().add(verified);
        accounts().add(unverified);
        assertThat(accounts().byId(verified.id())).contains(verified);
        assertThat(accounts().byId(unverified.id()).orElseThrow().isEmailVerified()).isFalse();

        assertThat(accounts().markEmailVerified(unverified.id(), NOW.plusSeconds(60))).isTrue();
        assertThat(accounts().markEmailVerified(verified.id(), NOW.plusSeconds(60))).isTrue();

        assertThat(accounts().byEmail(unverified.email()).orElseThrow().emailVerifiedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(accounts().byId(verified.id()).orElseThrow().emailVerifiedAt()).as("the first one stays").isEqualTo(NOW);
        assertThat(accounts().markEmailVerified(new UserId(nextId()), NOW)).as("no such account").isFalse();
    }

    @Test
    void renamed_names_read_back_and_nothing_else_changes() {
        Account renamed = anAccount().emailVerifiedAt(NOW).build();
        Account other = anAccount().build();
        accounts().add(renamed);
        accounts().add(other);

        assertThat(accounts().rename(renamed.id(), Name.of("Ana"), Name.of("Lima"))).isTrue();

        Account read = accounts().byId(renamed.id()).orElseThrow();
        assertThat(read.firstName()).isEqualTo(Name.of("Ana"));
        assertThat(read.lastName()).isEqualTo(Name.of("Lima"));
        assertThat(read.passwordHash()).isEqualTo(renamed.passwordHash());
        assertThat(read.emailVerifiedAt()).isEqualTo(NOW);
        assertThat(accounts().byId(other.id())).contains(other);
        assertThat(accounts().rename(new UserId(nextId()), Name.of("A"), Name.of("B"))).as("no such account").isFalse();
    }

    @Test
    void a_chosen_locale_reads_back_by_id_and_by_email_and_can_be_cleared() {
        Account chooser = anAccount().build();
        Account other = anAccount().build();
        accounts().add(chooser);
        accounts().add(other);
        assertThat(accounts().byId(chooser.id()).orElseThrow().locale()).as("none chosen at first").isNull();

        assertThat(accounts().changeLocale(chooser.id(), LocaleTag.GERMAN)).isTrue();

        assertThat(accounts().byId(chooser.id()).orElseThrow().locale()).isEqualTo(LocaleTag.GERMAN);
        assertThat(accounts().byEmail(chooser.email()).orElseThrow().locale()).isEqualTo(LocaleTag.GERMAN);
        assertThat(accounts().byIds(List.of(chooser.id())).get(0).locale()).isEqualTo(LocaleTag.GERMAN);
        assertThat(accounts().byId(other.id())).contains(other);

        assertThat(accounts().changeLocale(chooser.id(), null)).isTrue();
        assertThat(accounts().byId(chooser.id()).orElseThrow()).isEqualTo(chooser);
        assertThat(accounts().changeLocale(new UserId(nextId()), LocaleTag.GERMAN)).as("no such account").isFalse();
    }

    @Test
    void an_account_added_with_a_locale_keeps_it() {
        Account account = anAccount().build().withLocale(LocaleTag.ENGLISH);
        accounts().add(account);

        assertThat(accounts().byId(account.id())).contains(account);
    }

    @Test
    void a_changed_password_keeps_the_verified_email() {
        Account account = anAccount().emailVerifiedAt(NOW).build();
        accounts().add(account);

        accounts().changePassword(account.id(), new PasswordHash("another hash"));

        assertThat(accounts().byId(account.id()).orElseThrow().emailVerifiedAt()).isEqualTo(NOW);
    }
}

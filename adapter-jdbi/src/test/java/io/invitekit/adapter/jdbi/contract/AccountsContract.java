package io.invitekit.adapter.jdbi.contract;

import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static io.invitekit.adapter.jdbi.testing.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Accounts} must do. */
public abstract class AccountsContract {

    protected abstract Storage storage();

    private Accounts accounts() {
        return storage().accounts();
    }

    @Test
    void an_added_account_reads_back_by_id_and_by_email_in_any_case() {
        Account account = account(email("zoe"));
        accounts().add(account);

        assertThat(accounts().byId(account.id())).contains(account);
        assertThat(accounts().byEmail(EmailAddress.of("  " + account.email().value().toUpperCase() + " "))).contains(account);
        assertThat(accounts().byEmail(email("nobody"))).isEmpty();
        assertThat(accounts().byId(new UserId(nextId()))).isEmpty();
    }

    @Test
    void a_second_account_with_the_same_email_is_refused_as_taken() {
        Account first = account(email("taken"));
        accounts().add(first);

        assertThatThrownBy(() -> accounts().add(account(first.email())))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        assertThat(accounts().byEmail(first.email())).contains(first);
    }

    @Test
    void by_ids_returns_the_accounts_that_exist_once_each() {
        Account a = account(email("a"));
        Account b = account(email("b"));
        accounts().add(a);
        accounts().add(b);

        assertThat(accounts().byIds(List.of(b.id(), a.id(), b.id(), new UserId(nextId())))).containsExactlyInAnyOrder(a, b);
        assertThat(accounts().byIds(List.of())).isEmpty();
    }

    @Test
    void any_platform_admin_turns_true_with_the_first_admin() {
        accounts().add(account(email("member")));
        assertThat(accounts().anyPlatformAdmin()).isFalse();

        accounts().add(account(email("admin"), PlatformRole.PLATFORM_ADMIN));

        assertThat(accounts().anyPlatformAdmin()).isTrue();
    }
}

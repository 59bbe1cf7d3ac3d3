package io.invitekit.adapter.jdbi.contract;

import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.joinCode;
import static io.invitekit.adapter.jdbi.testing.Fixtures.nextId;
import static io.invitekit.adapter.jdbi.testing.Fixtures.plainTenant;
import static io.invitekit.adapter.jdbi.testing.Fixtures.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.JoinCodes.AddOutcome;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link JoinCodes} must do: one active code per tenant, values unique for all time. */
public abstract class JoinCodesContract {

    protected abstract Storage storage();

    private JoinCodes codes() {
        return storage().joinCodes();
    }

    private TenantId newTenant() {
        Tenant tenant = plainTenant(subdomain("coded"));
        storage().tenants().add(tenant);
        return tenant.id();
    }

    @Test
    void an_added_code_is_the_tenants_active_code_and_found_by_its_value() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant, NOW.plus(Duration.ofHours(5)), 7);

        assertThat(codes().add(code)).isEqualTo(AddOutcome.ADDED);

        assertThat(codes().activeFor(tenant)).contains(code);
        assertThat(codes().activeByCode(code.code())).contains(code);
        assertThat(codes().activeFor(newTenant())).isEmpty();
    }

    @Test
    void a_tenant_has_one_active_code_and_a_value_is_never_given_out_twice() {
        TenantId tenant = newTenant();
        JoinCode first = joinCode(tenant, null, null);
        codes().add(first);

        assertThat(codes().add(joinCode(tenant, null, null))).isEqualTo(AddOutcome.TENANT_HAS_ACTIVE_CODE);
        JoinCode sameValue = new JoinCode(new JoinCodeId(nextId()), newTenant(), first.code(), NOW, null, null, 0, true);
        assertThat(codes().add(sameValue)).isEqualTo(AddOutcome.CODE_VALUE_TAKEN);

        assertThat(codes().deactivate(first.id())).isTrue();
        assertThat(codes().add(new JoinCode(new JoinCodeId(nextId()), tenant, first.code(), NOW, null, null, 0, true)))
                .isEqualTo(AddOutcome.CODE_VALUE_TAKEN);
        JoinCode next = joinCode(tenant, null, null);
        assertThat(codes().add(next)).isEqualTo(AddOutcome.ADDED);
        assertThat(codes().activeFor(tenant)).contains(next);
    }

    @Test
    void the_refusals_leave_the_surrounding_transaction_usable() {
        TenantId tenant = newTenant();
        JoinCode first = joinCode(tenant, null, null);
        JoinCode replacement = joinCode(tenant, null, 3);

        storage().transactions().run(() -> {
            assertThat(codes().add(first)).isEqualTo(AddOutcome.ADDED);
            assertThat(codes().add(joinCode(tenant, null, null))).isEqualTo(AddOutcome.TENANT_HAS_ACTIVE_CODE);
            assertThat(codes().add(new JoinCode(new JoinCodeId(nextId()), tenant, first.code(), NOW, null, null, 0, true)))
                    .isEqualTo(AddOutcome.CODE_VALUE_TAKEN);
            assertThat(codes().deactivate(first.id())).isTrue();
            assertThat(codes().add(replacement)).isEqualTo(AddOutcome.ADDED);
        });

        assertThat(codes().activeFor(tenant)).contains(replacement);
    }

    @Test
    void a_deactivated_code_is_dead_for_good() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant, null, null);
        codes().add(code);

        assertThat(codes().deactivate(code.id())).isTrue();
        assertThat(codes().deactivate(code.id())).isFalse();
        assertThat(codes().deactivate(new JoinCodeId(nextId()))).isFalse();

        assertThat(codes().activeFor(tenant)).isEmpty();
        assertThat(codes().activeByCode(code.code())).isEmpty();
        assertThat(codes().claimUse(code.id(), NOW)).isFalse();
    }

    @Test
    void uses_are_counted_up_to_max_uses_and_not_one_more() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant, null, 2);
        codes().add(code);

        assertThat(codes().claimUse(code.id(), NOW)).isTrue();
        assertThat(codes().claimUse(code.id(), NOW)).isTrue();
        assertThat(codes().claimUse(code.id(), NOW)).isFalse();

        assertThat(codes().activeFor(tenant).orElseThrow().uses()).isEqualTo(2);
        assertThat(codes().activeFor(tenant).orElseThrow().usableAt(NOW)).isFalse();
    }

    @Test
    void an_expired_code_is_not_used_from_its_expiry_on() {
        TenantId tenant = newTenant();
        Instant expiry = NOW.plus(Duration.ofHours(1));
        JoinCode code = joinCode(tenant, expiry, null);
        codes().add(code);

        assertThat(codes().claimUse(code.id(), expiry.minusNanos(1000))).isTrue();
        assertThat(codes().claimUse(code.id(), expiry)).isFalse();
        assertThat(codes().activeFor(tenant).orElseThrow().uses()).isEqualTo(1);
    }

    @Test
    void a_use_counted_in_a_rolled_back_transaction_is_given_back() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant, null, 1);
        codes().add(code);

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(codes().claimUse(code.id(), NOW)).isTrue();
            throw new IllegalStateException("join failed later");
        })).hasMessage("join failed later");

        assertThat(codes().activeFor(tenant).orElseThrow().uses()).isZero();
        assertThat(codes().claimUse(code.id(), NOW)).isTrue();
    }
}

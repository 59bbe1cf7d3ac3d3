package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aJoinCode;
import static io.invitekit.testing.fixtures.Fixtures.aMembership;
import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.JoinCodes.AddOutcome;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JoinCodes} must do: one active code per tenant, values unique for all time,
 * and while joining by code is off, no active code at all.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code joinCodes()} is
 * under test (codes belong to tenants added through its {@code tenants()}; refusals and rollbacks
 * go through its {@code transactions()}), the same instance throughout one test, empty when each
 * test starts, and usable from two threads at once.
 */
public abstract class JoinCodesContract {

    /** For a subclass, which provides the store under test. */
    public JoinCodesContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code joinCodes()} this suite checks
     */
    protected abstract Storage storage();

    private JoinCodes codes() {
        return storage().joinCodes();
    }

    private TenantId newTenant() {
        Tenant tenant = aTenant().plain().build();
        storage().tenants().add(tenant);
        return tenant.id();
    }

    private static JoinCode joinCode(TenantId tenant) {
        return aJoinCode().tenant(tenant).build();
    }

    private static JoinCode joinCode(TenantId tenant, Instant expiresAt, Integer maxUses) {
        return aJoinCode().tenant(tenant).expiresAt(expiresAt).maxUses(maxUses).build();
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
    void a_join_target_is_the_active_code_its_tenant_and_the_users_membership_if_any() {
        Tenant tenant = aTenant().plain().build();
        storage().tenants().add(tenant);
        JoinCode code = joinCode(tenant.id(), NOW.plus(Duration.ofHours(5)), 7);
        codes().add(code);
        io.invitekit.domain.membership.Membership member = aMembership().tenant(tenant.id())
                .role(io.invitekit.domain.membership.Role.ADMIN).build();
        storage().memberships().add(member, io.invitekit.domain.tenant.Limit.UNLIMITED);
        io.invitekit.domain.account.UserId stranger = new io.invitekit.domain.account.UserId(nextId());

        assertThat(codes().joinTarget(code.code(), member.userId(), storage().tenants(), storage().memberships()))
                .hasValueSatisfying(target -> {
                    assertThat(target.code()).isEqualTo(code);
                    assertThat(target.tenant()).isEqualTo(storage().tenants().byId(tenant.id()).orElseThrow());
                    assertThat(target.existing()).contains(member);
                });
        assertThat(codes().joinTarget(code.code(), stranger, storage().tenants(), storage().memberships()))
                .hasValueSatisfying(target -> assertThat(target.existing()).isEmpty());
        codes().deactivate(code.id());
        assertThat(codes().joinTarget(code.code(), member.userId(), storage().tenants(), storage().memberships())).isEmpty();
    }

    @Test
    void a_tenant_has_one_active_code_and_a_value_is_never_given_out_twice() {
        TenantId tenant = newTenant();
        JoinCode first = joinCode(tenant);
        codes().add(first);

        assertThat(codes().add(joinCode(tenant))).isEqualTo(AddOutcome.TENANT_HAS_ACTIVE_CODE);
        JoinCode sameValue = aJoinCode().tenant(newTenant()).code(first.code()).build();
        assertThat(codes().add(sameValue)).isEqualTo(AddOutcome.CODE_VALUE_TAKEN);

        assertThat(codes().deactivate(first.id())).isTrue();
        assertThat(codes().add(aJoinCode().tenant(tenant).code(first.code()).build()))
                .isEqualTo(AddOutcome.CODE_VALUE_TAKEN);
        JoinCode next = joinCode(tenant);
        assertThat(codes().add(next)).isEqualTo(AddOutcome.ADDED);
        assertThat(codes().activeFor(tenant)).contains(next);
    }

    @Test
    void the_refusals_leave_the_surrounding_transaction_usable() {
        TenantId tenant = newTenant();
        JoinCode first = joinCode(tenant);
        JoinCode replacement = joinCode(tenant, null, 3);

        storage().transactions().run(() -> {
            assertThat(codes().add(first)).isEqualTo(AddOutcome.ADDED);
            assertThat(codes().add(joinCode(tenant))).isEqualTo(AddOutcome.TENANT_HAS_ACTIVE_CODE);
            assertThat(codes().add(aJoinCode().tenant(tenant).code(first.code()).build()))
                    .isEqualTo(AddOutcome.CODE_VALUE_TAKEN);
            assertThat(codes().deactivate(first.id())).isTrue();
            assertThat(codes().add(replacement)).isEqualTo(AddOutcome.ADDED);
        });

        assertThat(codes().activeFor(tenant)).contains(replacement);
    }

    @Test
    void a_deactivated_code_is_dead_for_good() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant);
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

    @Test
    void joining_by_code_is_on_for_a_new_tenant_and_turning_it_off_kills_the_code_and_refuses_new_ones() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant);
        codes().add(code);
        assertThat(codes().joiningOn(tenant)).isTrue();

        assertThat(codes().turnOff(tenant)).isTrue();

        assertThat(codes().joiningOn(tenant)).isFalse();
        assertThat(codes().activeFor(tenant)).isEmpty();
        assertThat(codes().activeByCode(code.code())).isEmpty();
        assertThat(codes().claimUse(code.id(), NOW)).isFalse();
        assertThat(codes().add(joinCode(tenant))).isEqualTo(AddOutcome.JOINING_OFF);
        assertThat(codes().activeFor(tenant)).isEmpty();
        assertThat(codes().turnOff(tenant)).as("off already").isFalse();

        TenantId other = newTenant();
        assertThat(codes().joiningOn(other)).isTrue();
        assertThat(codes().add(joinCode(other))).isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void turned_on_again_a_tenant_takes_a_new_code() {
        TenantId tenant = newTenant();
        codes().turnOff(tenant);

        assertThat(codes().turnOn(tenant)).isTrue();
        assertThat(codes().turnOn(tenant)).as("on already").isFalse();

        assertThat(codes().joiningOn(tenant)).isTrue();
        JoinCode fresh = joinCode(tenant, null, 1);
        assertThat(codes().add(fresh)).isEqualTo(AddOutcome.ADDED);
        assertThat(codes().claimUse(fresh.id(), NOW)).isTrue();
    }

    @Test
    void turning_on_and_adding_in_one_transaction_adds() {
        TenantId tenant = newTenant();
        codes().turnOff(tenant);
        JoinCode fresh = joinCode(tenant);

        storage().transactions().run(() -> {
            assertThat(codes().turnOn(tenant)).isTrue();
            assertThat(codes().add(fresh)).isEqualTo(AddOutcome.ADDED);
        });

        assertThat(codes().activeFor(tenant)).contains(fresh);
    }

    @Test
    void a_rolled_back_turn_off_leaves_joining_on_and_the_code_alive() {
        TenantId tenant = newTenant();
        JoinCode code = joinCode(tenant);
        codes().add(code);

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(codes().turnOff(tenant)).isTrue();
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        assertThat(codes().joiningOn(tenant)).isTrue();
        assertThat(codes().activeFor(tenant)).contains(code);
        assertThat(codes().claimUse(code.id(), NOW)).isTrue();
    }

    @Test
    void a_code_added_while_joining_is_turned_off_never_outlives_the_turning_off() throws Exception {
        for (int round = 0; round < 40; round++) {
            TenantId tenant = newTenant();
            JoinCode code = joinCode(tenant);

            List<Outcome<Object>> outcomes = Concurrently.run(2, i -> i == 0
                    ? storage().transactions().inTransaction(() -> codes().add(code))
                    : codes().turnOff(tenant));

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(outcomes.get(0).value()).isIn(AddOutcome.ADDED, AddOutcome.JOINING_OFF);
            assertThat(outcomes.get(1).value()).isEqualTo(true);
            assertThat(codes().joiningOn(tenant)).isFalse();
            assertThat(codes().activeFor(tenant)).as("round %d", round).isEmpty();
            assertThat(codes().activeByCode(code.code())).isEmpty();
        }
    }
}

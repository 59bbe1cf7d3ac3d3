package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aMembership;
import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Memberships.AddOutcome;
import io.invitekit.application.port.out.Memberships.Change;
import io.invitekit.application.port.out.Memberships.MemberPosition;
import io.invitekit.application.port.out.Memberships.Position;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Memberships} must do: one per (tenant, user), never past the user limit, and
 * never more tenants counted for an owner than the limit asked for.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code memberships()}
 * is under test (memberships belong to tenants added through its {@code tenants()}; refusals and
 * rollbacks go through its {@code transactions()}), the same instance throughout one test, empty
 * when each test starts, and usable from 32 threads at once.
 */
public abstract class MembershipsContract {

    /** For a subclass, which provides the store under test. */
    public MembershipsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code memberships()} this suite checks
     */
    protected abstract Storage storage();

    private Memberships memberships() {
        return storage().memberships();
    }

    private TenantId newTenant() {
        Tenant tenant = aTenant().plain().build();
        storage().tenants().add(tenant);
        return tenant.id();
    }

    private static Membership member(TenantId tenant, Role role, int secondsAfterNow) {
        return aMembership().tenant(tenant).role(role).joinedAt(NOW.plusSeconds(secondsAfterNow)).build();
    }

    @Test
    void a_membership_is_added_once_and_found_after() {
        TenantId tenant = newTenant();
        Membership owner = member(tenant, Role.OWNER, 0);
        Membership again = aMembership().tenant(tenant).user(owner.userId()).joinedAt(NOW.plusSeconds(5)).build();

        assertThat(memberships().add(owner, Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);
        assertThat(memberships().add(again, Limit.UNLIMITED)).isEqualTo(AddOutcome.ALREADY_MEMBER);

        assertThat(memberships().find(tenant, owner.userId())).contains(owner);
        assertThat(memberships().find(tenant, new UserId(nextId()))).isEmpty();
        assertThat(memberships().count(tenant)).isEqualTo(1);
    }

    @Test
    void a_tenant_at_its_limit_refuses_newcomers_but_still_knows_its_members() {
        TenantId tenant = newTenant();
        Membership first = member(tenant, Role.OWNER, 0);
        Membership second = member(tenant, Role.MEMBER, 1);

        assertThat(memberships().add(first, Limit.of(2))).isEqualTo(AddOutcome.ADDED);
        assertThat(memberships().add(second, Limit.of(2))).isEqualTo(AddOutcome.ADDED);
        assertThat(memberships().add(member(tenant, Role.MEMBER, 2), Limit.of(2))).isEqualTo(AddOutcome.TENANT_FULL);
        assertThat(memberships().add(second, Limit.of(2))).isEqualTo(AddOutcome.ALREADY_MEMBER);

        assertThat(memberships().count(tenant)).isEqualTo(2);
        assertThat(memberships().add(member(tenant, Role.MEMBER, 3), Limit.of(3))).isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void the_refusals_leave_the_surrounding_transaction_usable() {
        TenantId tenant = newTenant();
        Membership owner = member(tenant, Role.OWNER, 0);
        Membership late = member(tenant, Role.MEMBER, 2);

        storage().transactions().run(() -> {
            assertThat(memberships().add(owner, Limit.of(1))).isEqualTo(AddOutcome.ADDED);
            assertThat(memberships().add(owner, Limit.of(1))).isEqualTo(AddOutcome.ALREADY_MEMBER);
            assertThat(memberships().add(member(tenant, Role.MEMBER, 1), Limit.of(1))).isEqualTo(AddOutcome.TENANT_FULL);
            assertThat(memberships().add(late, Limit.of(2))).isEqualTo(AddOutcome.ADDED);
        });

        assertThat(memberships().ofTenant(tenant)).containsExactly(owner, late);
    }

    @Test
    void a_rolled_back_membership_is_gone_and_does_not_count_against_the_limit() {
        TenantId tenant = newTenant();
        Membership rolledBack = member(tenant, Role.MEMBER, 0);

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(memberships().add(rolledBack, Limit.of(1))).isEqualTo(AddOutcome.ADDED);
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        assertThat(memberships().find(tenant, rolledBack.userId())).isEmpty();
        assertThat(memberships().add(member(tenant, Role.OWNER, 1), Limit.of(1))).isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void a_users_memberships_and_a_tenants_members_come_oldest_first() {
        TenantId older = newTenant();
        TenantId newer = newTenant();
        UserId user = new UserId(nextId());
        Membership inNewer = aMembership().tenant(newer).user(user).role(Role.OWNER).joinedAt(NOW.plusSeconds(1)).build();
        Membership inOlder = aMembership().tenant(older).user(user).role(Role.ADMIN).joinedAt(NOW.plusSeconds(2)).build();
        Membership colleague = member(older, Role.OWNER, 1);
        memberships().add(inNewer, Limit.UNLIMITED);
        memberships().add(inOlder, Limit.UNLIMITED);
        memberships().add(colleague, Limit.UNLIMITED);

        assertThat(memberships().ofUser(user)).containsExactly(inNewer, inOlder);
        assertThat(memberships().ofTenant(older)).containsExactly(colleague, inOlder);
        assertThat(memberships().ofUser(new UserId(nextId()))).isEmpty();
        assertThat(memberships().count(older)).isEqualTo(2);
    }

    @Test
    void owned_tenants_are_counted_up_to_the_limit_and_not_one_more() {
        UserId owner = new UserId(nextId());
        assertThat(memberships().ownedTenants(owner)).isZero();

        assertThat(memberships().countOwnedTenant(owner, Limit.of(2))).isTrue();
        assertThat(memberships().countOwnedTenant(owner, Limit.of(2))).isTrue();
        assertThat(memberships().countOwnedTenant(owner, Limit.of(2))).isFalse();
        assertThat(memberships().ownedTenants(owner)).isEqualTo(2);

        assertThat(memberships().countOwnedTenant(owner, Limit.UNLIMITED)).as("exempt, but counted").isTrue();
        assertThat(memberships().ownedTenants(owner)).isEqualTo(3);
        assertThat(memberships().countOwnedTenant(owner, Limit.of(3))).isFalse();
        assertThat(memberships().countOwnedTenant(owner, Limit.of(4))).isTrue();
        assertThat(memberships().ownedTenants(new UserId(nextId()))).isZero();
    }

    @Test
    void an_owned_tenant_counted_in_a_rolled_back_transaction_is_given_back_and_a_refusal_aborts_nothing() {
        UserId owner = new UserId(nextId());
        memberships().countOwnedTenant(owner, Limit.of(1));
        UserId other = new UserId(nextId());

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(memberships().countOwnedTenant(other, Limit.of(1))).isTrue();
            throw new IllegalStateException("the create failed later");
        })).hasMessage("the create failed later");
        TenantId tenant = newTenant();
        storage().transactions().run(() -> {
            assertThat(memberships().countOwnedTenant(owner, Limit.of(1))).isFalse();
            assertThat(memberships().add(member(tenant, Role.OWNER, 0), Limit.UNLIMITED)).isEqualTo(AddOutcome.ADDED);
        });

        assertThat(memberships().ownedTenants(other)).isZero();
        assertThat(memberships().countOwnedTenant(other, Limit.of(1))).isTrue();
        assertThat(memberships().ownedTenants(owner)).isEqualTo(1);
        assertThat(memberships().count(tenant)).isEqualTo(1);
    }

    @Test
    void of_32_concurrent_counts_for_one_owner_at_limit_10_exactly_10_pass() throws Exception {
        UserId owner = new UserId(nextId());

        List<Outcome<Boolean>> outcomes = Concurrently.run(32, i -> storage().transactions().inTransaction(
                () -> memberships().countOwnedTenant(owner, Limit.of(10))));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream().filter(Outcome::value)).hasSize(10);
        assertThat(memberships().ownedTenants(owner)).isEqualTo(10);
    }

    @Test
    void a_users_memberships_come_a_page_at_a_time_oldest_first_ties_by_tenant_id() {
        UserId user = new UserId(nextId());
        List<Membership> mine = new ArrayList<>();
        int[] joinedSecondsAfterNow = {5, 1, 3, 3, 3, 0, 7};
        for (int seconds : joinedSecondsAfterNow) {
            Membership m = aMembership().tenant(newTenant()).user(user).joinedAt(NOW.plusSeconds(seconds)).build();
            memberships().add(m, Limit.UNLIMITED);
            mine.add(m);
        }
        memberships().add(member(mine.get(0).tenantId(), Role.OWNER, 2), Limit.UNLIMITED); // someone else's
        List<Membership> expected = mine.stream().sorted(Comparator.comparing(Membership::joinedAt)
                .thenComparing(m -> m.tenantId().value().toString())).toList(); // v7 ids: text order is time order

        List<Membership> paged = new ArrayList<>();
        Position after = null;
        for (int page = 0; page < 4; page++) {
            List<Membership> got = memberships().ofUser(user, after, 2);
            assertThat(got).as("page %d", page).hasSize(page < 3 ? 2 : 1);
            paged.addAll(got);
            after = Position.of(got.get(got.size() - 1));
        }

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(memberships().ofUser(user, after, 2)).isEmpty();
        assertThat(memberships().ofUser(user, null, 100)).containsExactlyElementsOf(expected);
        assertThat(memberships().ofUser(new UserId(nextId()), null, 10)).isEmpty();
    }

    @Test
    void a_users_memberships_come_with_their_tenants_in_the_same_pages() {
        UserId user = new UserId(nextId());
        int[] joinedSecondsAfterNow = {5, 1, 3, 3, 0};
        for (int seconds : joinedSecondsAfterNow) {
            memberships().add(aMembership().tenant(newTenant()).user(user).joinedAt(NOW.plusSeconds(seconds)).build(),
                    Limit.UNLIMITED);
        }

        Position after = null;
        List<Membership> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<Memberships.WithTenant> got = memberships().ofUserWithTenants(user, after, 2, storage().tenants());
            assertThat(got).as("page %d", page).hasSize(page < 2 ? 2 : 1);
            assertThat(got).allSatisfy(m -> assertThat(m.tenant())
                    .isEqualTo(storage().tenants().byId(m.membership().tenantId()).orElseThrow()));
            assertThat(got).extracting(Memberships.WithTenant::membership)
                    .containsExactlyElementsOf(memberships().ofUser(user, after, 2));
            got.forEach(m -> paged.add(m.membership()));
            after = Position.of(paged.get(paged.size() - 1));
        }
        assertThat(memberships().ofUserWithTenants(new UserId(nextId()), null, 2, storage().tenants())).isEmpty();
    }

    @Test
    void a_tenants_members_come_a_page_at_a_time_oldest_first_ties_by_user_id() {
        TenantId tenant = newTenant();
        List<Membership> members = new ArrayList<>();
        int[] joinedSecondsAfterNow = {4, 0, 2, 2, 2, 6, 1};
        for (int seconds : joinedSecondsAfterNow) {
            Membership m = member(tenant, seconds == 0 ? Role.OWNER : Role.MEMBER, seconds);
            memberships().add(m, Limit.UNLIMITED);
            members.add(m);
        }
        memberships().add(member(newTenant(), Role.OWNER, 3), Limit.UNLIMITED); // another tenant's
        List<Membership> expected = members.stream().sorted(Comparator.comparing(Membership::joinedAt)
                .thenComparing(m -> m.userId().value().toString())).toList(); // v7 ids: text order is time order

        List<Membership> paged = new ArrayList<>();
        MemberPosition after = null;
        for (int page = 0; page < 3; page++) {
            List<Membership> got = memberships().ofTenant(tenant, after, 3);
            assertThat(got).as("page %d", page).hasSize(page < 2 ? 3 : 1);
            paged.addAll(got);
            after = MemberPosition.of(got.get(got.size() - 1));
        }

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(memberships().ofTenant(tenant, after, 3)).isEmpty();
        assertThat(memberships().ofTenant(tenant)).containsExactlyElementsOf(expected);
        assertThat(memberships().ofTenant(newTenant(), null, 10)).isEmpty();
    }

    @Test
    void a_role_changes_only_from_the_role_expected() {
        TenantId tenant = newTenant();
        memberships().add(member(tenant, Role.OWNER, 0), Limit.UNLIMITED);
        Membership member = member(tenant, Role.MEMBER, 1);
        memberships().add(member, Limit.UNLIMITED);

        assertThat(memberships().changeRole(tenant, member.userId(), Role.ADMIN, Role.MEMBER)).isEqualTo(Change.NOT_FOUND);
        assertThat(memberships().find(tenant, member.userId())).contains(member);

        assertThat(memberships().changeRole(tenant, member.userId(), Role.MEMBER, Role.ADMIN)).isEqualTo(Change.DONE);
        assertThat(memberships().find(tenant, member.userId()))
                .contains(new Membership(tenant, member.userId(), Role.ADMIN, member.joinedAt()));
        assertThat(memberships().changeRole(tenant, member.userId(), Role.MEMBER, Role.ADMIN)).as("stale")
                .isEqualTo(Change.NOT_FOUND);
        assertThat(memberships().changeRole(tenant, new UserId(nextId()), Role.MEMBER, Role.ADMIN)).isEqualTo(Change.NOT_FOUND);
        assertThat(memberships().changeRole(newTenant(), member.userId(), Role.ADMIN, Role.MEMBER)).isEqualTo(Change.NOT_FOUND);
    }

    @Test
    void the_last_owner_can_be_neither_demoted_nor_removed_but_one_of_two_can() {
        TenantId tenant = newTenant();
        Membership first = member(tenant, Role.OWNER, 0);
        memberships().add(first, Limit.UNLIMITED);
        Membership admin = member(tenant, Role.ADMIN, 1);
        memberships().add(admin, Limit.UNLIMITED);

        assertThat(memberships().changeRole(tenant, first.userId(), Role.OWNER, Role.ADMIN)).isEqualTo(Change.LAST_OWNER);
        assertThat(memberships().remove(tenant, first.userId(), Role.OWNER)).isEqualTo(Change.LAST_OWNER);
        assertThat(memberships().find(tenant, first.userId())).contains(first);

        assertThat(memberships().changeRole(tenant, admin.userId(), Role.ADMIN, Role.OWNER)).as("a transfer's first half")
                .isEqualTo(Change.DONE);
        assertThat(memberships().changeRole(tenant, first.userId(), Role.OWNER, Role.ADMIN)).isEqualTo(Change.DONE);
        assertThat(memberships().remove(tenant, admin.userId(), Role.OWNER)).as("now the only owner")
                .isEqualTo(Change.LAST_OWNER);

        Membership added = member(tenant, Role.OWNER, 2);
        memberships().add(added, Limit.UNLIMITED);
        assertThat(memberships().remove(tenant, admin.userId(), Role.OWNER)).isEqualTo(Change.DONE);
        assertThat(memberships().changeRole(tenant, added.userId(), Role.OWNER, Role.MEMBER)).isEqualTo(Change.LAST_OWNER);
        assertThat(memberships().ofTenant(tenant).stream().filter(m -> m.role() == Role.OWNER))
                .extracting(Membership::userId).containsExactly(added.userId());
    }

    @Test
    void a_member_is_removed_only_with_the_role_expected_and_the_seat_is_free_again() {
        TenantId tenant = newTenant();
        memberships().add(member(tenant, Role.OWNER, 0), Limit.of(2));
        Membership admin = member(tenant, Role.ADMIN, 1);
        memberships().add(admin, Limit.of(2));
        assertThat(memberships().add(member(tenant, Role.MEMBER, 2), Limit.of(2))).isEqualTo(AddOutcome.TENANT_FULL);

        assertThat(memberships().remove(tenant, admin.userId(), Role.MEMBER)).isEqualTo(Change.NOT_FOUND);
        assertThat(memberships().find(tenant, admin.userId())).contains(admin);
        assertThat(memberships().remove(tenant, admin.userId(), Role.ADMIN)).isEqualTo(Change.DONE);
        assertThat(memberships().remove(tenant, admin.userId(), Role.ADMIN)).isEqualTo(Change.NOT_FOUND);

        assertThat(memberships().find(tenant, admin.userId())).isEmpty();
        assertThat(memberships().count(tenant)).isEqualTo(1);
        assertThat(memberships().add(member(tenant, Role.MEMBER, 3), Limit.of(2))).isEqualTo(AddOutcome.ADDED);
        assertThat(memberships().add(admin, Limit.of(3))).as("may come back").isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void role_changes_and_removals_refused_or_rolled_back_leave_everything_as_it_was() {
        TenantId tenant = newTenant();
        Membership owner = member(tenant, Role.OWNER, 0);
        Membership other = member(tenant, Role.OWNER, 1);
        Membership member = member(tenant, Role.MEMBER, 2);
        for (Membership m : List.of(owner, other, member)) {
            memberships().add(m, Limit.of(3));
        }

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(memberships().remove(tenant, other.userId(), Role.OWNER)).isEqualTo(Change.DONE);
            assertThat(memberships().changeRole(tenant, owner.userId(), Role.OWNER, Role.ADMIN)).isEqualTo(Change.LAST_OWNER);
            assertThat(memberships().changeRole(tenant, member.userId(), Role.MEMBER, Role.ADMIN)).isEqualTo(Change.DONE);
            throw new IllegalStateException("the audit failed");
        })).hasMessage("the audit failed");
        assertThat(memberships().ofTenant(tenant)).containsExactly(owner, other, member);
        assertThat(memberships().add(member(tenant, Role.MEMBER, 3), Limit.of(3))).isEqualTo(AddOutcome.TENANT_FULL);

        storage().transactions().run(() -> {
            assertThat(memberships().changeRole(tenant, owner.userId(), Role.OWNER, Role.ADMIN)).isEqualTo(Change.DONE);
            assertThat(memberships().remove(tenant, other.userId(), Role.OWNER)).isEqualTo(Change.LAST_OWNER);
            assertThat(memberships().remove(tenant, member.userId(), Role.MEMBER)).isEqualTo(Change.DONE);
        });
        assertThat(memberships().ofTenant(tenant)).containsExactly(
                new Membership(tenant, owner.userId(), Role.ADMIN, owner.joinedAt()), other);
    }

    @Test
    void two_owners_demoting_each_other_at_once_leave_one_owner() throws Exception {
        for (int round = 0; round < 10; round++) {
            TenantId tenant = newTenant();
            Membership a = member(tenant, Role.OWNER, 0);
            Membership b = member(tenant, Role.OWNER, 1);
            memberships().add(a, Limit.UNLIMITED);
            memberships().add(b, Limit.UNLIMITED);
            List<Membership> both = List.of(a, b);

            List<Outcome<Change>> outcomes = Concurrently.run(2, i -> storage().transactions().inTransaction(
                    () -> memberships().changeRole(tenant, both.get(1 - i).userId(), Role.OWNER, Role.ADMIN)));

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(outcomes).extracting(Outcome::value).containsExactlyInAnyOrder(Change.DONE, Change.LAST_OWNER);
            assertThat(memberships().ofTenant(tenant).stream().filter(m -> m.role() == Role.OWNER)).hasSize(1);
        }
    }

    @Test
    void two_owners_leaving_at_once_leave_one_owner() throws Exception {
        for (int round = 0; round < 10; round++) {
            TenantId tenant = newTenant();
            Membership a = member(tenant, Role.OWNER, 0);
            Membership b = member(tenant, Role.OWNER, 1);
            memberships().add(a, Limit.UNLIMITED);
            memberships().add(b, Limit.UNLIMITED);
            List<Membership> both = List.of(a, b);

            List<Outcome<Change>> outcomes = Concurrently.run(2, i -> storage().transactions().inTransaction(
                    () -> memberships().remove(tenant, both.get(i).userId(), Role.OWNER)));

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(outcomes).extracting(Outcome::value).containsExactlyInAnyOrder(Change.DONE, Change.LAST_OWNER);
            assertThat(memberships().ofTenant(tenant)).singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
        }
    }

    @Test
    void of_many_owners_demoting_and_removing_each_other_at_once_one_owner_remains() throws Exception {
        TenantId tenant = newTenant();
        List<Membership> owners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Membership owner = member(tenant, Role.OWNER, i);
            memberships().add(owner, Limit.UNLIMITED);
            owners.add(owner);
        }

        List<Outcome<Change>> outcomes = Concurrently.run(16, i -> storage().transactions().inTransaction(() -> {
            UserId target = owners.get(i % owners.size()).userId();
            return i % 2 == 0
                    ? memberships().changeRole(tenant, target, Role.OWNER, Role.ADMIN)
                    : memberships().remove(tenant, target, Role.OWNER);
        }));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream().filter(o -> o.value() == Change.DONE)).hasSize(7);
        assertThat(memberships().ofTenant(tenant).stream().filter(m -> m.role() == Role.OWNER)).hasSize(1);
    }

    /**
     * A transfer promotes the new owner first and may then roll back (the old owner was demoted
     * meanwhile): a leave of the only committed OWNER in between must not count that promotion.
     * On a database the leave waits for the transfer's transaction; in memory it must not see it.
     */
    @Test
    void an_owner_leaving_while_a_promotion_is_not_yet_committed_never_leaves_the_tenant_without_owners() throws Exception {
        for (int round = 0; round < 3; round++) {
            TenantId tenant = newTenant();
            Membership owner = member(tenant, Role.OWNER, 0);
            Membership heir = member(tenant, Role.MEMBER, 1);
            memberships().add(owner, Limit.UNLIMITED);
            memberships().add(heir, Limit.UNLIMITED);
            java.util.concurrent.CountDownLatch promoted = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch leaveDone = new java.util.concurrent.CountDownLatch(1);

            List<Outcome<Change>> outcomes = Concurrently.run(2, i -> {
                if (i == 0) {
                    try {
                        return storage().transactions().inTransaction(() -> {
                            assertThat(memberships().changeRole(tenant, heir.userId(), Role.MEMBER, Role.OWNER))
                                    .isEqualTo(Change.DONE);
                            promoted.countDown();
                            // Give the leave its chance to run in between (it may also be made to wait for us).
                            awaitQuietly(leaveDone);
                            throw new IllegalStateException("the transfer gives up: rolled back");
                        });
                    } catch (IllegalStateException rolledBack) {
                        return Change.NOT_FOUND;
                    }
                }
                awaitQuietly(promoted);
                try {
                    return storage().transactions().inTransaction(
                            () -> memberships().remove(tenant, owner.userId(), Role.OWNER));
                } finally {
                    leaveDone.countDown();
                }
            });

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(memberships().ofTenant(tenant).stream().filter(m -> m.role() == Role.OWNER))
                    .as("OWNERs after a rolled-back promotion raced a leave").hasSize(1);
        }
    }

    /**
     * Waits for {@code latch} up to a few seconds: the interleaving it arranges is what the test
     * hopes for, not what it asserts, so a late latch only makes the round weaker, never wrong.
     */
    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Races that the ports must settle, since several server processes share one store: real
 * threads released at once by a latch.
 */
class ConcurrencyTest {
    private static final int THREADS = 32;
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();

    @Test
    void thirtyTwoAcceptsOfOneTokenMakeExactlyOneTenant() throws Exception {
        InvitationView inv = t.invite(admin, "owner@example.org");
        String token = t.tokenOf(inv);

        Outcomes outcomes = race(i -> () -> t.accept(token, "shop-" + i));

        assertThat(outcomes.successes.get()).isEqualTo(1);
        assertThat(outcomes.refusals).containsOnlyKeys(ErrorCode.INVITATION_ACCEPTED);
        assertThat(t.storedTenants()).hasSize(1);
        UserId owner = t.kit.invitations().get(admin, inv.id()).createdUserId();
        assertThat(t.storage.memberships().ofUser(owner)).hasSize(1);
        assertThat(t.storage.accounts().byIds(List.of(owner))).hasSize(1);
    }

    @Test
    void twoAcceptsClaimingOneSubdomainLeaveOneWinner() throws Exception {
        String first = t.tokenOf(t.invite(admin, "a@example.org"));
        String second = t.tokenOf(t.invite(admin, "b@example.org"));

        Outcomes outcomes = race(2, i -> () -> t.accept(i == 0 ? first : second, "contested"));

        assertThat(outcomes.successes.get()).isEqualTo(1);
        assertThat(outcomes.refusals).containsOnlyKeys(ErrorCode.SUBDOMAIN_TAKEN);
        assertThat(t.storedTenants()).hasSize(1);
    }

    @Test
    void thirtyTwoJoinsAtAMaxUsesBoundaryNeverExceedIt() throws Exception {
        Actor owner = t.newUser();
        TenantView family = t.kit.tenants().create(owner, NewTenant.named("Big Family"));
        // 3 uses, below the FREE tier's room for 5 more members: the code's cap must be what stops them.
        String code = t.kit.joinCodes().rotate(owner, family.id(), CodeRotation.limits().maxUses(3)).code();
        List<Actor> joiners = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            joiners.add(t.newUser());
        }

        Outcomes outcomes = race(i -> () -> t.kit.joinCodes().join(joiners.get(i), JoinWithCode.code(code).from("10.0.0." + i)));

        assertThat(outcomes.successes.get()).isEqualTo(3);
        assertThat(outcomes.refusals).containsOnlyKeys(ErrorCode.INVALID_CODE);
        assertThat(t.storage.memberships().count(family.id())).isEqualTo(4);
        assertThat(t.storage.joinCodes().activeFor(family.id()).orElseThrow().uses()).isEqualTo(3);
    }

    @Test
    void thirtyTwoJoinsNeverPushATenantOverItsUserLimit() throws Exception {
        Actor owner = t.newUser();
        TenantView family = t.family(owner, "Small Family"); // FREE: 6 users, owner included
        String code = t.kit.joinCodes().view(owner, family.id()).code();
        List<Actor> joiners = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            joiners.add(t.newUser());
        }

        Outcomes outcomes = race(i -> () -> t.kit.joinCodes().join(joiners.get(i), JoinWithCode.code(code).from("10.0.1." + i)));

        assertThat(outcomes.successes.get()).isEqualTo(5);
        assertThat(outcomes.refusals).containsOnlyKeys(ErrorCode.TENANT_FULL);
        assertThat(t.storage.memberships().count(family.id())).isEqualTo(6);
        assertThat(t.storage.joinCodes().activeFor(family.id()).orElseThrow().uses()).isEqualTo(5);
    }

    @Test
    void concurrentFirstViewsAgreeOnOneCode() throws Exception {
        Actor owner = t.newUser();
        TenantView family = t.family(owner, "Viewers");
        Map<String, Boolean> seen = new ConcurrentHashMap<>();

        Outcomes outcomes = race(i -> () -> seen.put(t.kit.joinCodes().view(owner, family.id()).code(), true));

        assertThat(outcomes.successes.get()).isEqualTo(THREADS);
        assertThat(seen).hasSize(1);
    }

    @Test
    void thirtyTwoNodesStartingAtOnceWithDifferentAdminEmailsMakeExactlyOneAdmin() throws Exception {
        // Every caller has looked and found no admin before any of them writes: the hasher holds them at a barrier.
        CyclicBarrier allLooked = new CyclicBarrier(THREADS);
        TestKit empty = new TestKit(settings -> settings, (builder, storage) -> builder.passwordHasher(
                new WaitingHasher(new FastInsecurePasswordHasher(new Random(3)), allLooked)));
        Map<String, Boolean> created = new ConcurrentHashMap<>();

        Outcomes outcomes = race(i -> () -> empty.kit.accounts().createFirstPlatformAdmin("admin-" + i + "@example.org",
                "admin password " + i).map(admin -> created.put(admin.email(), true)));

        assertThat(outcomes.successes.get()).isEqualTo(THREADS);
        assertThat(created).hasSize(1);
        String winner = created.keySet().iterator().next();
        List<Account> admins = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            empty.storage.accounts().byEmail(EmailAddress.of("admin-" + i + "@example.org")).ifPresent(admins::add);
        }
        assertThat(admins).singleElement().satisfies(admin -> {
            assertThat(admin.email().value()).isEqualTo(winner);
            assertThat(admin.isPlatformAdmin()).isTrue();
        });
        assertThat(empty.kit.accounts().createFirstPlatformAdmin("late@example.org", "late admin password")).isEmpty();
    }

    /** A hasher that makes each caller wait until every one of them has got this far. */
    private record WaitingHasher(PasswordHasher delegate, CyclicBarrier barrier) implements PasswordHasher {
        @Override
        public PasswordHash hash(Password password) {
            try {
                barrier.await(30, TimeUnit.SECONDS);
            } catch (Exception broken) {
                throw new IllegalStateException("not every caller reached the hasher", broken);
            }
            return delegate.hash(password);
        }

        @Override
        public boolean verify(Password password, PasswordHash hash) {
            return delegate.verify(password, hash);
        }
    }

    @Test
    void aDisableRacingViewsNeverLeavesALiveCodeBehind() throws Exception {
        for (int round = 0; round < 20; round++) {
            Actor owner = t.newUser();
            TenantView family = t.family(owner, "Racers " + round);
            TenantId id = family.id();

            Outcomes outcomes = race(8, i -> () -> i == 0 ? disable(owner, id) : t.kit.joinCodes().view(owner, id));

            assertThat(outcomes.successes.get()).isEqualTo(8);
            assertThat(t.storage.joinCodes().joiningOn(family.id())).isFalse();
            assertThat(t.storage.joinCodes().activeFor(family.id())).as("round %d", round).isEmpty();
            assertThat(t.kit.joinCodes().view(owner, id).enabled()).isFalse();
        }
    }

    @Test
    void thirtyTwoCreatesByOneUserAtACapOfTenMakeExactlyTen() throws Exception {
        Actor owner = t.newUser();

        Outcomes outcomes = race(i -> () -> t.family(owner, "Family " + i));

        assertThat(outcomes.successes.get()).isEqualTo(10);
        assertThat(outcomes.refusals).containsOnly(Map.entry(ErrorCode.TENANT_LIMIT_REACHED, 22));
        assertThat(t.storage.memberships().ofUser(owner.id())).hasSize(10);
        assertThat(t.storage.memberships().ownedTenants(owner.id())).isEqualTo(10);
        assertThat(t.storedTenants()).hasSize(10);
    }

    private Object disable(Actor owner, TenantId tenant) {
        t.kit.joinCodes().disable(owner, tenant);
        return null;
    }

    private record Outcomes(AtomicInteger successes, Map<ErrorCode, Integer> refusals) {
    }

    private Outcomes race(IntFunction<Callable<?>> work) throws Exception {
        return race(THREADS, work);
    }

    private Outcomes race(int threads, IntFunction<Callable<?>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Outcomes outcomes = new Outcomes(new AtomicInteger(), new ConcurrentHashMap<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<?> task = work.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        task.call();
                        outcomes.successes().incrementAndGet();
                    } catch (DomainException refused) {
                        outcomes.refusals().merge(refused.code(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS); // anything but a refusal fails the test here
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }
}

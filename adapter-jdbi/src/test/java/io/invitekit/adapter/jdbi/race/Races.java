package io.invitekit.adapter.jdbi.race;

import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.AcceptInvitation;
import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static io.invitekit.adapter.jdbi.testing.Fixtures.message;
import static io.invitekit.adapter.jdbi.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.application.port.in.PasswordChange;
import io.invitekit.application.port.in.CurrentSession;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.AccountUseCase.FirstAdmin;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.application.port.out.TenantInvitations.InvitationFilter;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races with real threads against a real database, through the application as an embedder
 * builds it: the invariants must come from the database, since several server processes share it.
 */
public abstract class Races {
    private static final String PASSWORD = "a long enough password";

    protected abstract TestDatabase database();

    private RecordingMailSender mail;
    private Invitekit kit;
    private Actor admin;

    @BeforeEach
    void assemble() {
        mail = new RecordingMailSender();
        kit = Invitekit.builder()
                .storage(database().storage())
                .mailSender(mail)
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM))
                .random(RANDOM)
                .build();
        kit.accounts().createFirstPlatformAdmin("admin@example.com", "admin password 1");
        admin = Actor.platformAdmin(kit.accounts().login(LogIn.with("admin@example.com", "admin password 1")).user().id());
    }

    @Test
    void of_32_accepts_of_one_invitation_exactly_one_creates_the_tenant_owner_and_membership() throws Exception {
        EmailAddress owner = EmailAddress.of(unique("owner") + "@example.com");
        String token = invite(owner, null);
        String subdomain = unique("acme");

        List<Outcome<AcceptResult>> outcomes = Concurrently.run(32, i -> kit.accounts().acceptInvitation(AcceptInvitation.token(token).businessName("Acme " + i).subdomain(subdomain), OwnerCredentials.password(PASSWORD).name("Olga", "Owner")));

        List<AcceptResult> won = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
        assertThat(won).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                .hasSize(31)
                .allSatisfy(lost -> assertThat(lost).isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVITATION_ACCEPTED)));
        TenantId tenant = won.get(0).tenant().id();
        assertThat(database().count("SELECT count(*) FROM invitekit_tenants")).isEqualTo(1);
        assertThat(database().count("SELECT count(*) FROM invitekit_accounts WHERE email = ?", owner.value())).isEqualTo(1);
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships")).isEqualTo(1);
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ? AND role = 'OWNER'", tenant.value()))
                .isEqualTo(1);
        assertThat(database().count("SELECT member_count FROM invitekit_tenants WHERE id = ?", tenant.value())).isEqualTo(1);
        assertThat(database().count("SELECT count(*) FROM invitekit_subdomain_claims WHERE subdomain = ? AND tenant_id = ?",
                subdomain, tenant.value())).isEqualTo(1);
        assertThat(database().storage().invitations().list(new InvitationFilter(null, owner, NOW), null, 5))
                .singleElement().satisfies(inv -> {
            assertThat(inv.storedStatus()).isEqualTo(InvitationStatus.ACCEPTED);
            assertThat(inv.createdTenant()).isEqualTo(tenant);
        });
    }

    @Test
    void a_log_in_still_checking_the_old_password_while_an_operator_sets_a_new_one_gets_no_session() throws Exception {
        // The log-in checks the password before its transaction (hashing is slow); the new
        // password and the end of every session land in that gap. The log-in must not then add a
        // session with the password that no longer works.
        AtomicBoolean gate = new AtomicBoolean();
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordHasher gated = gatedHasher(gate, checking, release);
        Invitekit kit = Invitekit.builder().storage(database().storage()).mailSender(mail).passwordHasher(gated)
                .random(RANDOM).build();
        String email = unique("squatter") + "@example.com";
        UserId user = kit.accounts().signup(NewAccount.email(email).password("the old password").name("Sam", "Squat"))
                .signedIn().user().id();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            gate.set(true);
            Future<?> login = pool.submit(() -> kit.accounts().login(LogIn.with(email, "the old password")));
            assertThat(checking.await(60, TimeUnit.SECONDS)).as("the log-in is checking the password").isTrue();
            kit.accountAdministration().setPassword(email, "the operator's new password");
            release.countDown();

            assertThatThrownBy(() -> login.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(DomainException.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(database().storage().sessions().allOf(user)).as("no session outlives the new password").isEmpty();
        assertThat(kit.accounts().login(LogIn.with(email, "the operator's new password")).user().id()).isEqualTo(user);
    }

    @Test
    void a_password_change_still_checking_the_current_password_while_an_operator_sets_one_changes_nothing() throws Exception {
        // Someone with a session and the old password changes it; meanwhile the owner's operator
        // sets a new one, which ends every session. The change, checked before that, must not
        // overwrite the operator's password afterwards.
        AtomicBoolean gate = new AtomicBoolean();
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Invitekit kit = Invitekit.builder().storage(database().storage()).mailSender(mail)
                .passwordHasher(gatedHasher(gate, checking, release)).random(RANDOM).build();
        String email = unique("thief") + "@example.com";
        AuthResult signedUp = kit.accounts().signup(NewAccount.email(email).password("the old password").name("Tom", "Thief"))
                .signedIn();
        CurrentSession thief = kit.sessions().authenticate(signedUp.accessToken(), SessionKind.API).orElseThrow();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            gate.set(true);
            Future<?> change = pool.submit(() -> kit.sessions().changePassword(thief,
                    PasswordChange.current("the old password").to("the thief's password")));
            assertThat(checking.await(60, TimeUnit.SECONDS)).as("the change is checking the password").isTrue();
            kit.accountAdministration().setPassword(email, "the operator's new password");
            release.countDown();

            assertThatThrownBy(() -> change.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(DomainException.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(kit.accounts().login(LogIn.with(email, "the operator's new password")).user().id())
                .isEqualTo(signedUp.user().id());
    }

    /** A hasher whose first matching check, once the gate is open, waits for the release. */
    private static PasswordHasher gatedHasher(AtomicBoolean gate, CountDownLatch checking, CountDownLatch release) {
        PasswordHasher real = new FastInsecurePasswordHasher(RANDOM);
        return new PasswordHasher() {
            @Override
            public PasswordHash hash(Password password) {
                return real.hash(password);
            }

            @Override
            public boolean verify(Password password, PasswordHash hash) {
                boolean matches = real.verify(password, hash);
                if (matches && gate.compareAndSet(true, false)) {
                    checking.countDown();
                    try {
                        assertThat(release.await(60, TimeUnit.SECONDS)).as("released").isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                return matches;
            }
        };
    }

    @Test
    void of_two_accepts_claiming_one_subdomain_one_wins_and_the_other_is_told_it_is_taken() throws Exception {
        for (int round = 0; round < 6; round++) {
            EmailAddress first = EmailAddress.of(unique("first") + "@example.com");
            EmailAddress second = EmailAddress.of(unique("second") + "@example.com");
            List<String> tokens = List.of(invite(first, null), invite(second, null));
            String wanted = unique("contested");

            List<Outcome<AcceptResult>> outcomes = Concurrently.run(2, i -> kit.accounts().acceptInvitation(AcceptInvitation.token(tokens.get(i)).businessName("Contested Inc").subdomain(wanted), OwnerCredentials.password(PASSWORD).name("Ann", "Other")));

            assertThat(outcomes.stream().filter(Outcome::succeeded)).hasSize(1);
            Outcome<AcceptResult> lost = outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow();
            assertThat(lost.failure()).isInstanceOfSatisfying(SubdomainTakenException.class, taken -> {
                assertThat(taken.code()).isEqualTo(ErrorCode.SUBDOMAIN_TAKEN);
                assertThat(taken.suggestions()).isNotEmpty().doesNotContain(Subdomain.of(wanted));
            });
            assertThat(database().count("SELECT count(*) FROM invitekit_tenants WHERE subdomain = ?", wanted)).isEqualTo(1);
            EmailAddress loser = outcomes.get(0).succeeded() ? second : first;
            assertThat(database().storage().invitations().storedPendingFor(loser)).isPresent();
            assertThat(database().storage().accounts().byEmail(loser)).isEmpty();
        }
        assertThat(database().count("SELECT count(*) FROM invitekit_tenants")).isEqualTo(6);
    }

    @Test
    void of_32_joins_with_a_code_good_for_3_uses_exactly_3_get_in() throws Exception {
        Actor owner = signup("family-owner");
        TenantView family = kit.tenants().create(owner, NewTenant.named("The Millers"));
        String code = kit.joinCodes().rotate(owner, family.id(), CodeRotation.limits().validForHours(null).maxUses(3)).code();
        List<Actor> joiners = signups(32);

        List<Outcome<JoinResult>> outcomes = Concurrently.run(32, i -> kit.joinCodes().join(
                joiners.get(i), JoinWithCode.code(code)));

        assertThat(outcomes.stream().filter(Outcome::succeeded).map(Outcome::value))
                .hasSize(3)
                .allSatisfy(joined -> assertThat(joined.role()).isEqualTo(Role.MEMBER));
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                .hasSize(29)
                .allSatisfy(refused -> assertThat(refused).isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE)));
        assertThat(database().count("SELECT uses FROM invitekit_join_codes WHERE code = ?", code)).isEqualTo(3);
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ?", family.id().value())).isEqualTo(4);
    }

    @Test
    void of_32_joins_of_a_tenant_with_room_for_5_more_exactly_5_get_in() throws Exception {
        Actor owner = signup("free-owner");
        TenantView family = kit.tenants().create(owner, NewTenant.named("Small Family"));
        assertThat(family.maxUsers()).isEqualTo(6);
        String code = kit.joinCodes().view(owner, family.id()).code();
        List<Actor> joiners = signups(32);

        List<Outcome<JoinResult>> outcomes = Concurrently.run(32, i -> kit.joinCodes().join(
                joiners.get(i), JoinWithCode.code(code)));

        assertThat(outcomes.stream().filter(Outcome::succeeded)).hasSize(5);
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                .hasSize(27)
                .allSatisfy(refused -> assertThat(refused).isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TENANT_FULL)));
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ?", family.id().value())).isEqualTo(6);
        assertThat(database().count("SELECT member_count FROM invitekit_tenants WHERE id = ?", family.id().value())).isEqualTo(6);
        assertThat(database().count("SELECT uses FROM invitekit_join_codes WHERE code = ?", code)).isEqualTo(5);
    }

    @Test
    void a_disable_racing_views_never_leaves_a_live_code_while_joining_is_off() throws Exception {
        for (int round = 0; round < 10; round++) {
            Actor owner = signup("racing-owner");
            TenantView family = kit.tenants().create(owner, NewTenant.named("Racers"));
            TenantId id = family.id();

            List<Outcome<Object>> outcomes = Concurrently.run(8, i -> {
                if (i == 0) {
                    kit.joinCodes().disable(owner, id);
                    return "disabled";
                }
                return kit.joinCodes().view(owner, id);
            });

            assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
            assertThat(database().count("SELECT count(*) FROM invitekit_tenants WHERE id = ? AND join_code_enabled = FALSE",
                    family.id().value())).isEqualTo(1);
            assertThat(database().count("SELECT count(*) FROM invitekit_join_codes WHERE active_tenant_id = ?", family.id().value()))
                    .as("round %d", round).isZero();
            assertThat(kit.joinCodes().view(owner, id).enabled()).isFalse();
        }
    }

    @Test
    void joins_racing_a_disable_and_a_rotation_are_refused_cleanly_and_never_deadlock() throws Exception {
        for (int round = 0; round < 5; round++) {
            Actor owner = signup("busy-owner");
            TenantView family = kit.tenants().create(owner, NewTenant.named("Busy"));
            TenantId id = family.id();
            String code = kit.joinCodes().view(owner, id).code();
            List<Actor> joiners = signups(12);

            List<Outcome<Object>> outcomes = Concurrently.run(14, i -> switch (i) {
                case 0 -> {
                    kit.joinCodes().disable(owner, id);
                    yield "disabled";
                }
                case 1 -> kit.joinCodes().rotate(owner, id, CodeRotation.unlimited());
                default -> kit.joinCodes().join(joiners.get(i - 2), JoinWithCode.code(code));
            });

            assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                    .allSatisfy(refused -> assertThat(refused).isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isIn(ErrorCode.INVALID_CODE, ErrorCode.TENANT_FULL)));
            assertThat(outcomes.get(0).succeeded()).isTrue();
            assertThat(outcomes.get(1).succeeded()).isTrue();
            long off = database().count("SELECT count(*) FROM invitekit_tenants WHERE id = ? AND join_code_enabled = FALSE",
                    family.id().value());
            long live = database().count("SELECT count(*) FROM invitekit_join_codes WHERE active_tenant_id = ?", family.id().value());
            assertThat(off + live).as("off with no code, or on with one").isEqualTo(1);
            assertThat(database().count("SELECT member_count FROM invitekit_tenants WHERE id = ?", family.id().value()))
                    .isEqualTo(database().count("SELECT count(*) FROM invitekit_memberships WHERE tenant_id = ?", family.id().value()));
        }
    }

    @Test
    void of_32_creates_by_one_user_at_a_cap_of_10_exactly_10_make_a_tenant() throws Exception {
        Actor owner = signup("prolific");

        List<Outcome<TenantView>> outcomes = Concurrently.run(32, i -> kit.tenants().create(
                owner, NewTenant.named("Family " + unique("f"))));

        assertThat(outcomes.stream().filter(Outcome::succeeded)).hasSize(10);
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                .hasSize(22)
                .allSatisfy(refused -> assertThat(refused).isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TENANT_LIMIT_REACHED)));
        assertThat(database().count("SELECT count(*) FROM invitekit_memberships WHERE user_id = ? AND role = 'OWNER'", owner.id().value()))
                .isEqualTo(10);
        assertThat(database().count("SELECT count(*) FROM invitekit_tenants")).isEqualTo(10);
        assertThat(database().count("SELECT count(*) FROM invitekit_subdomain_claims")).as("refused creates claim nothing").isEqualTo(10);
        assertThat(database().count("SELECT owned FROM invitekit_owned_tenant_counts WHERE user_id = ?", owner.id().value())).isEqualTo(10);
    }

    @Test
    void two_relays_claiming_at_once_never_hold_one_message_and_a_lapsed_lease_is_claimed_again() throws Exception {
        Outbox outbox = database().storage().outbox();
        Duration lease = Duration.ofMinutes(1);
        for (int round = 0; round < 5; round++) {
            Instant now = NOW.plus(Duration.ofHours(round));
            Set<UUID> queued = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                OutboxMessage message = message("race-" + round, now.minusSeconds(i));
                outbox.enqueue(message);
                queued.add(message.id().value());
            }

            List<Outcome<List<OutboxMessage>>> claims = Concurrently.run(2,
                    i -> outbox.claimDue("relay-" + i, now, lease, 25));

            Set<UUID> first = ids(claims.get(0).value());
            Set<UUID> second = ids(claims.get(1).value());
            assertThat(first).doesNotContainAnyElementsOf(second);
            Set<UUID> union = new HashSet<>(first);
            union.addAll(second);
            assertThat(union).isEqualTo(queued);
            assertThat(outbox.claimDue("relay-late", now.plus(lease).minusSeconds(1), lease, 100)).isEmpty();

            // Relay 0 dies; once its lease has run out, another relay takes its messages over.
            List<OutboxMessage> takenOver = outbox.claimDue("relay-next", now.plus(lease), lease, 100);
            assertThat(ids(takenOver)).isEqualTo(union);
            for (OutboxMessage message : takenOver) {
                assertThat(outbox.markSent(message.id(), first.contains(message.id().value()) ? "relay-0" : "relay-1",
                        now.plus(lease))).isFalse();
                assertThat(outbox.markSent(message.id(), "relay-next", now.plus(lease))).isTrue();
            }
        }
        assertThat(outbox.backlog()).isZero();
    }

    @Test
    void a_withdrawal_racing_the_relay_s_outcomes_is_never_undone_by_them() throws Exception {
        Outbox outbox = database().storage().outbox();
        Duration lease = Duration.ofMinutes(1);
        int count = 24;
        List<OutboxMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            OutboxMessage message = message(unique("withdraw-race"), NOW);
            outbox.enqueue(message);
            messages.add(message);
        }
        assertThat(outbox.claimDue("relay", NOW, lease, count)).hasSize(count);

        // For each message at once: the relay records how its send ended (sent for even ones, a
        // failure to retry for odd ones) while a resend withdraws it in a transaction of its own.
        List<Outcome<Boolean>> outcomes = Concurrently.run(2 * count, k -> {
            OutboxMessage message = messages.get(k / 2);
            if (k % 2 == 1) {
                return database().storage().transactions().inTransaction(() -> outbox.withdraw(message.aggregateId())) == 1;
            }
            return k / 2 % 2 == 0
                    ? outbox.markSent(message.id(), "relay", NOW.plusSeconds(1))
                    : outbox.markFailed(message.id(), "relay", 1, "421 try later", NOW.plusSeconds(30));
        });

        for (int i = 0; i < count; i++) {
            Outcome<Boolean> recorded = outcomes.get(2 * i);
            Outcome<Boolean> withdrawn = outcomes.get(2 * i + 1);
            assertThat(recorded.succeeded()).as("the relay's update of message %d", i).isTrue();
            assertThat(withdrawn.succeeded()).as("the withdrawal of message %d", i).isTrue();
            String status = statusOf(messages.get(i));
            if (i % 2 == 0) {
                assertThat(recorded.value()).as("sent or withdrawn, never both: message %d", i).isNotEqualTo(withdrawn.value());
                assertThat(status).isEqualTo(recorded.value() ? "SENT" : "WITHDRAWN");
            } else {
                assertThat(withdrawn.value()).as("a retry leaves message %d PENDING, to be withdrawn", i).isTrue();
                assertThat(status).isEqualTo("WITHDRAWN");
            }
        }
        assertThat(outbox.claimDue("relay-later", NOW.plus(Duration.ofDays(1)), lease, 100)).isEmpty();
        assertThat(database().count("SELECT count(*) FROM invitekit_outbox_messages WHERE status <> 'PENDING' AND secret IS NOT NULL"))
                .isZero();
    }

    private String statusOf(OutboxMessage message) {
        return database().jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM invitekit_outbox_messages WHERE id = :id")
                .bind("id", message.id().value()).mapTo(String.class).one());
    }

    @Test
    void of_16_nodes_making_the_first_admin_at_once_with_different_emails_exactly_one_makes_it() throws Exception {
        for (int round = 0; round < 3; round++) {
            // An empty database, as nodes starting on it for the first time find it.
            database().jdbi().useTransaction(handle -> List.of("invitekit_sessions", "invitekit_audit_events", "invitekit_bootstrap_markers", "invitekit_accounts")
                    .forEach(table -> handle.execute("DELETE FROM " + table)));
            // Every node has looked and found no admin before any of them writes: the hasher holds them at a barrier.
            CyclicBarrier allLooked = new CyclicBarrier(16);
            Invitekit nodes = Invitekit.builder()
                    .storage(database().storage())
                    .mailSender(mail)
                    .passwordHasher(new WaitingHasher(new FastInsecurePasswordHasher(RANDOM), allLooked))
                    .random(RANDOM)
                    .build();
            String prefix = unique("admin");

            List<Outcome<Optional<FirstAdmin>>> outcomes = Concurrently.run(16, i -> nodes.accounts()
                    .createFirstPlatformAdmin(prefix + "-" + i + "@example.com", "admin password " + i));

            assertThat(outcomes).allMatch(Outcome::succeeded);
            List<FirstAdmin> made = outcomes.stream().flatMap(o -> o.value().stream()).toList();
            assertThat(made).hasSize(1);
            assertThat(database().count("SELECT count(*) FROM invitekit_accounts")).isEqualTo(1);
            assertThat(database().count("SELECT count(*) FROM invitekit_accounts WHERE platform_role = 'PLATFORM_ADMIN' AND email = ?",
                    made.get(0).email())).isEqualTo(1);
            assertThat(database().count("SELECT count(*) FROM invitekit_bootstrap_markers WHERE name = 'first_admin'")).isEqualTo(1);
            assertThat(database().count("SELECT count(*) FROM invitekit_audit_events WHERE action = 'account.platform_admin_created'"))
                    .isEqualTo(1);
        }
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

    private static Set<UUID> ids(List<OutboxMessage> messages) {
        Set<UUID> ids = new HashSet<>();
        messages.forEach(m -> assertThat(ids.add(m.id().value())).as("claimed twice in one batch").isTrue());
        return ids;
    }

    /** Creates an invitation and delivers its email; the token is in the link, as for a real owner. */
    private String invite(EmailAddress email, String reservedSubdomain) {
        kit.invitations().create(admin, NewTenantInvitation.to(email).businessName("Future Business")
                .reserveSubdomain(reservedSubdomain));
        kit.delivery().relayOnce();
        OutgoingMail delivered = mail.sent().stream().filter(m -> m.to().equals(email)).reduce((a, b) -> b).orElseThrow();
        String link = ((TenantInvitationMail) delivered.mail()).link().toString();
        return link.substring(link.indexOf("#token=") + "#token=".length());
    }

    private Actor signup(String prefix) {
        return Actor.user(kit.accounts().signup(NewAccount.email(unique(prefix) + "@example.com").password(PASSWORD)
                .name("Sam", "Signup")).signedIn().user().id());
    }

    private List<Actor> signups(int count) {
        List<Actor> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(signup("joiner"));
        }
        return users;
    }
}

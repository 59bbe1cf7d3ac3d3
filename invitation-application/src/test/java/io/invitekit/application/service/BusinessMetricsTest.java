package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.NewWebhook;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.BusinessMetrics;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.WebhookPolicy;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The business counters: each moves once per committed change (invitations when their events are
 * recorded dispatched, emails and webhook deliveries when their attempt is recorded), never for a
 * rolled-back change, and joins once per answer, by outcome.
 */
class BusinessMetricsTest {

    /** Counts by "what:tag:tag", as a Micrometer registry would by name and tags. */
    static final class RecordingMetrics implements BusinessMetrics {
        final Map<String, Integer> counts = new TreeMap<>();

        private synchronized void count(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        synchronized Map<String, Integer> snapshot() {
            return Map.copyOf(counts);
        }

        @Override
        public void invitation(String kind, String outcome) {
            count("invitation:" + kind + ":" + outcome);
        }

        @Override
        public void join(String outcome) {
            count("join:" + outcome);
        }

        @Override
        public void email(String kind, String outcome) {
            count("email:" + kind + ":" + outcome);
        }

        @Override
        public void webhookDelivery(String outcome) {
            count("webhook:" + outcome);
        }
    }

    private static final String ADDRESS = "192.0.2.7";

    /** Rounds of the dispatcher until one dispatches nothing (bounded). */
    private static void dispatchAll(TestKit t) {
        for (int round = 0; round < 100 && t.kit.delivery().dispatchEventsOnce() > 0; round++) {
            // each round records a batch dispatched
        }
        assertThat(t.kit.delivery().dispatchEventsOnce()).as("all dispatched").isZero();
    }

    private static Map<String, Integer> only(Map<String, Integer> counts, String prefix) {
        Map<String, Integer> some = new TreeMap<>();
        counts.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                some.put(key, value);
            }
        });
        return some;
    }

    @Nested
    class Invitations {
        private final RecordingMetrics metrics = new RecordingMetrics();
        private final TestKit t = new TestKit(s -> s, (builder, storage) -> builder.businessMetrics(metrics));
        private final Actor admin = t.admin();
        private final Actor owner = t.user("olga@family.example");
        private final TenantId tenant = t.family(owner, "The Smiths").id();

        private MemberInvitationView inviteMember(String email) {
            return t.kit.members().invite(owner, tenant, NewMemberInvitation.to(email));
        }

        private String memberToken(MemberInvitationView invitation) {
            return t.storage.outbox().all().stream()
                    .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                    .reduce((first, second) -> second).map(OutboxMessage::secret).orElseThrow();
        }

        @Test
        void each_created_accepted_cancelled_and_expired_invitation_counts_once_after_its_event_is_dispatched() {
            InvitationView accepted = t.invite(admin, "ada@bakery.example");
            InvitationView cancelled = t.invite(admin, "bob@bakery.example");
            t.invite(admin, "cyd@bakery.example");
            t.accept(t.tokenOf(accepted), "ada-bakery");
            t.kit.invitations().cancel(admin, cancelled.id());

            Actor joiner = t.user("kim@family.example");
            MemberInvitationView memberAccepted = inviteMember("kim@family.example");
            MemberInvitationView revoked = inviteMember("lou@family.example");
            inviteMember("max@family.example");
            t.kit.members().accept(VerifiedUser.of(joiner.id(), "kim@family.example"), memberToken(memberAccepted), ADDRESS);
            t.kit.members().revoke(owner, tenant, revoked.id());

            assertThat(only(metrics.snapshot(), "invitation:")).as("nothing before the dispatcher runs").isEmpty();
            assertThat(t.kit.operations().pendingTenantInvitations()).isEqualTo(1);
            assertThat(t.kit.operations().pendingMemberInvitations()).isEqualTo(1);

            t.clock.advance(Duration.ofDays(60));
            assertThat(t.kit.delivery().sweepExpiredOnce()).isEqualTo(2);
            assertThat(t.kit.operations().pendingTenantInvitations()).isZero();
            assertThat(t.kit.operations().pendingMemberInvitations()).isZero();
            dispatchAll(t);

            Map<String, Integer> expected = Map.of(
                    "invitation:tenant:created", 3, "invitation:tenant:accepted", 1,
                    "invitation:tenant:cancelled", 1, "invitation:tenant:expired", 1,
                    "invitation:member:created", 3, "invitation:member:accepted", 1,
                    "invitation:member:cancelled", 1, "invitation:member:expired", 1);
            assertThat(only(metrics.snapshot(), "invitation:")).isEqualTo(expected);

            t.clock.advance(Duration.ofHours(1)); // past every lease: nothing comes again
            dispatchAll(t);
            assertThat(only(metrics.snapshot(), "invitation:")).isEqualTo(expected);
        }

        @Test
        void a_rolled_back_change_is_never_counted() {
            RuntimeException failure = new IllegalStateException("rolled back");
            try {
                t.storage.transactions().run(() -> {
                    new ServiceContext(t.kit.settings(), t.clock, new Random(1), t.storage.auditLog(), metrics)
                            .audit(t.clock.instant(), null, EventType.TENANT_INVITATION_CREATED, null, "nothing", Map.of());
                    throw failure;
                });
            } catch (IllegalStateException expected) {
                assertThat(expected).isSameAs(failure);
            }
            // A refused create changes nothing either.
            t.invite(admin, "ada@bakery.example");
            refused(ErrorCode.INVITATION_PENDING_EXISTS, () -> t.invite(admin, "ada@bakery.example"));

            dispatchAll(t);

            assertThat(only(metrics.snapshot(), "invitation:")).containsExactly(entry("invitation:tenant:created", 1));
        }
    }

    @Nested
    class Joins {
        private final RecordingMetrics metrics = new RecordingMetrics();
        private final TestKit t = new TestKit(s -> s, (builder, storage) -> builder.businessMetrics(metrics));
        private final Actor owner = t.newUser();
        private final TenantId tenant = t.family(owner, "The Smiths").id();

        @Test
        void every_answer_counts_once_by_its_outcome() {
            String code = t.kit.joinCodes().view(owner, tenant).code();
            Actor joiner = t.newUser();
            t.kit.joinCodes().join(joiner, JoinWithCode.code(code));
            t.kit.joinCodes().join(joiner, JoinWithCode.code(code));
            refused(ErrorCode.MALFORMED_CODE, () -> t.kit.joinCodes().join(joiner, JoinWithCode.code("!!")));
            refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.joinCodes().join(null, JoinWithCode.code(code)));

            Actor guesser = t.newUser();
            for (int i = 0; i < 10; i++) {
                refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code("ZZZZ-ZZZZ")));
            }
            refused(ErrorCode.RATE_LIMITED, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code(code)));

            for (int i = 0; i < 4; i++) { // FREE allows 6 users: the owner, the joiner and these four
                t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code));
            }
            refused(ErrorCode.TENANT_FULL, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code)));

            t.kit.tenants().setActive(t.admin(), tenant, false);
            refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code)));

            assertThat(only(metrics.snapshot(), "join:")).isEqualTo(Map.of(
                    "join:joined", 5, "join:already_member", 1, "join:malformed_code", 1, "join:unauthenticated", 1,
                    "join:invalid_code", 10, "join:rate_limited", 1, "join:tenant_full", 1, "join:tenant_inactive", 1));
            assertThat(t.storage.memberships().find(tenant, joiner.id())).isPresent();
        }

        @Test
        void rotating_a_code_counts_no_join() {
            t.kit.joinCodes().rotate(owner, tenant, CodeRotation.unlimited());
            assertThat(only(metrics.snapshot(), "join:")).isEmpty();
        }
    }

    @Nested
    class Emails {
        private final RecordingMetrics metrics = new RecordingMetrics();
        /** "ok", "down" (try later) or "refuse" (permanent). */
        private final AtomicReference<String> mode = new AtomicReference<>("ok");
        private final AtomicInteger sent = new AtomicInteger();
        private final MailSender sender = (OutgoingMail mail) -> {
            switch (mode.get()) {
                case "down" -> throw new MailDeliveryException("connection refused", false, null);
                case "refuse" -> throw new MailDeliveryException("550 no such mailbox", true, null);
                default -> sent.incrementAndGet();
            }
        };
        private final TestKit t = new TestKit(s -> s, (builder, storage) -> builder.businessMetrics(metrics)
                .mailSender(sender));
        private final Actor admin = t.admin();

        @Test
        void sent_retrying_and_dead_count_once_per_recorded_attempt_by_mail_kind() {
            t.invite(admin, "ada@bakery.example");
            mode.set("down");
            assertThat(t.kit.delivery().relayOnce().retrying()).isEqualTo(1);
            assertThat(only(metrics.snapshot(), "email:"))
                    .containsExactly(entry("email:" + TenantInvitationMail.KIND + ":retrying", 1));

            mode.set("ok");
            t.clock.advance(Duration.ofDays(1));
            assertThat(t.kit.delivery().relayOnce().sent()).isEqualTo(1);
            assertThat(t.kit.delivery().relayOnce().claimed()).as("nothing left to send").isZero();

            t.invite(admin, "bob@bakery.example");
            mode.set("refuse");
            assertThat(t.kit.delivery().relayOnce().dead()).isEqualTo(1);

            assertThat(only(metrics.snapshot(), "email:")).isEqualTo(Map.of(
                    "email:tenant_invitation:retrying", 1, "email:tenant_invitation:sent", 1,
                    "email:tenant_invitation:dead", 1));
            assertThat(sent).hasValue(1);
        }
    }

    @Nested
    class WebhookDeliveries {
        private final RecordingMetrics metrics = new RecordingMetrics();
        private final AtomicInteger status = new AtomicInteger(503);
        private final WebhookSender sender = request -> new WebhookSender.Result(status.get(), Duration.ofMillis(3), null);
        private final TestKit t = new TestKit(s -> s.webhooks(new WebhookPolicy(List.of(Duration.ofSeconds(5)), 3,
                        Duration.ofDays(5), 6, Duration.ofHours(24), Duration.ofMinutes(2), 50)),
                (builder, storage) -> builder.businessMetrics(metrics).webhookSender(sender));
        private final Actor admin = t.admin();

        @Test
        void delivered_retrying_and_failed_count_once_per_recorded_attempt() {
            t.kit.webhooks().create(admin, null, new NewWebhook("https://hooks.example.org/in", Set.of("tenant.created"),
                    null, true));
            Actor owner = t.user("olga@family.example");
            t.family(owner, "The Smiths");
            dispatchAll(t);

            assertThat(t.kit.delivery().deliverWebhooksOnce().retrying()).isEqualTo(1);
            t.clock.advance(Duration.ofSeconds(5));
            assertThat(t.kit.delivery().deliverWebhooksOnce().failed()).isEqualTo(1);

            status.set(200);
            t.family(owner, "The Joneses");
            dispatchAll(t);
            assertThat(t.kit.delivery().deliverWebhooksOnce().delivered()).isEqualTo(1);
            assertThat(t.kit.delivery().deliverWebhooksOnce().claimed()).isZero();

            assertThat(only(metrics.snapshot(), "webhook:")).isEqualTo(Map.of(
                    "webhook:retrying", 1, "webhook:failed", 1, "webhook:delivered", 1));
        }
    }
}

package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.out.WebhookPolicy;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CreatedWebhook;
import io.invitekit.application.port.in.DeliveryUseCase.WebhookReport;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.NewWebhook;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.in.WebhookChange;
import io.invitekit.application.port.in.WebhookDeliveryView;
import io.invitekit.application.port.in.WebhookView;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {
    private static final String URL = "https://hooks.example.org/invitekit";

    /** Answers each request with the next queued status (200 when none is queued) and keeps every request. */
    static final class RecordingWebhookSender implements WebhookSender {
        final List<Request> requests = new ArrayList<>();
        final Deque<Integer> answers = new ArrayDeque<>();

        @Override
        public synchronized Result send(Request request) {
            requests.add(request);
            Integer status = answers.isEmpty() ? 200 : answers.pop();
            return status == 0 ? new Result(null, Duration.ofMillis(5), "connection refused")
                    : new Result(status, Duration.ofMillis(7), null);
        }

        void failNext(int times, int status) {
            for (int i = 0; i < times; i++) {
                answers.add(status);
            }
        }

        Request last() {
            return requests.get(requests.size() - 1);
        }
    }

    private final RecordingWebhookSender sender = new RecordingWebhookSender();
    private final TestKit t = new TestKit(s -> s.webhooks(new WebhookPolicy(WebhookPolicy.defaults().retryDelays(), 3,
                    Duration.ofDays(5), 6, Duration.ofHours(24), Duration.ofMinutes(2), 50)),
            (builder, storage) -> builder.webhookSender(sender));
    private final WebhookService webhooks = (WebhookService) t.kit.webhooks();
    private final Actor admin = t.admin();
    private final Actor owner = t.user("olga@family.example");
    private final TenantId tenant = t.family(owner, "The Smiths").id();
    private int counter;

    // ------------------------------------------------------------ helpers

    private Event event(EventType type, TenantId in) {
        return new Event(UUID.randomUUID(), type,
                type.version(), t.clock.instant(), owner.id(), in, "subject", Map.of("via", "code"));
    }

    /** What the event dispatcher does with a dispatched batch. */
    private void dispatch(Event... events) {
        t.storage.transactions().run(() -> webhooks.fanOut(List.of(events)));
    }

    private WebhookReport deliver() {
        return t.kit.delivery().deliverWebhooksOnce();
    }

    private CreatedWebhook platformHook() {
        return t.kit.webhooks().create(admin, null, new NewWebhook(URL, Set.of(), "billing", true));
    }

    private List<WebhookDeliveryView> deliveriesOf(TenantId scope, UUID endpoint) {
        Actor by = scope == null ? admin : owner;
        return t.kit.webhooks().deliveries(by, scope, endpoint, PageRequest.first()).items();
    }

    private List<String> audited() {
        return t.storage.auditLog().events().stream().map(AuditEvent::action).toList();
    }

    private Actor joined(Role role) {
        String email = "member" + (++counter) + "@family.example";
        Actor user = t.user(email);
        var invitation = t.kit.members().invite(owner, tenant, NewMemberInvitation.to(email).role(role));
        String token = t.storage.outbox().all().stream()
                .filter(m -> invitation.id().toString().equals(m.aggregateId()))
                .max(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                .orElseThrow().secret();
        t.kit.members().accept(VerifiedUser.of(user.id(), email), token, "192.0.2.7");
        return user;
    }

    private static boolean verifies(String secret, WebhookSender.Request request) {
        return StandardWebhooksVerifier.verify(secret, request.headers().get("webhook-id"),
                request.headers().get("webhook-timestamp"), request.headers().get("webhook-signature"), request.body());
    }

    // ------------------------------------------------------------ tests

    @Nested
    class Endpoints {
        @Test
        void createShowsAWhsecSecretOnceAndNeverAgain() {
            CreatedWebhook created = platformHook();
            assertThat(created.secret()).startsWith("whsec_");
            assertThat(java.util.Base64.getDecoder().decode(created.secret().substring(6))).hasSize(32);
            assertThat(created.toString()).doesNotContain(created.secret());
            WebhookView view = t.kit.webhooks().get(admin, null, created.webhook().id());
            assertThat(view.toString()).doesNotContain(created.secret().substring(6));
            assertThat(view.state()).isEqualTo("ACTIVE");
            assertThat(view.tenant()).isNull();
            assertThat(t.storage.webhookEndpoints().find(view.id()).orElseThrow().toString())
                    .doesNotContain(created.secret().substring(6));
        }

        @Test
        void changesAreAuditedWithoutSecretOrUrl() {
            CreatedWebhook created = platformHook();
            UUID id = created.webhook().id();
            t.kit.webhooks().update(admin, null, id, new WebhookChange(null, Set.of("tenant.created"), null, null));
            CreatedWebhook rotated = t.kit.webhooks().rotateSecret(admin, null, id);
            t.kit.webhooks().delete(admin, null, id);
            assertThat(audited()).containsSubsequence("webhook_endpoint.created", "webhook_endpoint.updated",
                    "webhook_endpoint.secret_rotated", "webhook_endpoint.deleted");
            String log = t.storage.auditLog().events().toString();
            assertThat(log).doesNotContain(created.secret().substring(6)).doesNotContain(rotated.secret().substring(6))
                    .doesNotContain(URL);
        }

        @Test
        void urlsMustBeAbsoluteHttpWithoutCredentialsOrFragment() {
            for (String bad : List.of("ftp://example.org/x", "/relative", "https://user:pw@example.org/x",
                    "https://example.org/x#frag", "https:///nohost", "not a url", "https://example.org/" + "a".repeat(2000))) {
                ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                        () -> t.kit.webhooks().create(admin, null, new NewWebhook(bad, Set.of(), null, true)));
                assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("url");
            }
            assertThat(t.kit.webhooks().create(admin, null, new NewWebhook("HTTP://example.org:8080/in?x=1", Set.of(),
                    null, true)).webhook().url()).isEqualTo("HTTP://example.org:8080/in?x=1");
        }

        @Test
        void unknownEventTypesAreRefused() {
            ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> t.kit.webhooks().create(admin, null, new NewWebhook(URL, Set.of("tenant.created", "no.such"),
                            null, true)));
            assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("eventTypes");
            refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.webhooks().create(admin, null,
                    new NewWebhook(URL, Set.of(WebhookService.TEST_EVENT_TYPE), null, true)));
        }

        @Test
        void theListIsNewestFirstInPages() {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(platformHook().webhook().id());
                t.clock.advance(Duration.ofMillis(1));
            }
            Page<WebhookView> first = t.kit.webhooks().list(admin, null, new PageRequest(2, null));
            assertThat(first.items()).extracting(WebhookView::id).containsExactly(ids.get(2), ids.get(1));
            Page<WebhookView> second = t.kit.webhooks().list(admin, null, new PageRequest(2, first.nextCursor()));
            assertThat(second.items()).extracting(WebhookView::id).containsExactly(ids.get(0));
            assertThat(second.nextCursor()).isNull();
        }

        @Test
        void deletingAnEndpointTakesItsDeliveriesAlong() {
            UUID id = platformHook().webhook().id();
            dispatch(event(EventType.TENANT_CREATED, null));
            t.kit.webhooks().delete(admin, null, id);
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().get(admin, null, id));
            assertThat(t.storage.webhookDeliveries().listByEndpoint(id, null, 10)).isEmpty();
            assertThat(deliver().claimed()).isZero();
        }
    }

    @Nested
    class Permissions {
        @Test
        void platformEndpointsArePlatformAdminsOnly() {
            refused(ErrorCode.FORBIDDEN, () -> t.kit.webhooks().create(owner, null, new NewWebhook(URL, Set.of(), null, true)));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.webhooks().list(owner, null, PageRequest.first()));
            refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.webhooks().list(null, null, PageRequest.first()));
        }

        @Test
        void ownersAndAdminsManageTheirTenantsEndpointsMembersMayNot() {
            Actor tenantAdmin = joined(Role.ADMIN);
            Actor member = joined(Role.MEMBER);
            UUID byOwner = t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            UUID byAdmin = t.kit.webhooks().create(tenantAdmin, tenant, new NewWebhook(URL, Set.of(), null, true))
                    .webhook().id();
            assertThat(t.kit.webhooks().list(tenantAdmin, tenant, PageRequest.first()).items())
                    .extracting(WebhookView::id).containsExactly(byAdmin, byOwner);
            refused(ErrorCode.FORBIDDEN, () -> t.kit.webhooks().create(member, tenant, new NewWebhook(URL, Set.of(), null, true)));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.webhooks().get(member, tenant, byOwner));
            refused(ErrorCode.FORBIDDEN, () -> t.kit.webhooks().sendTest(member, tenant, byOwner));
        }

        @Test
        void aTenantHasAtMostTwentyEndpointsAndAnotherTenantIsNotHeldUpByThat() {
            for (int i = 0; i < WebhookService.MAX_TENANT_ENDPOINTS; i++) {
                t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of(), null, true));
            }
            refused(ErrorCode.WEBHOOK_LIMIT_REACHED,
                    () -> t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of(), null, true)));
            Actor other = t.user("other-owner@example.org");
            TenantId others = t.family(other, "Others").id();
            assertThat(t.kit.webhooks().create(other, others, new NewWebhook(URL, Set.of(), null, true)).webhook().tenant())
                    .isEqualTo(others);
        }

        @Test
        void testEventsAndReplaysAreLimitedPerPerson() {
            UUID hook = t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            for (int i = 0; i < 30; i++) {
                t.kit.webhooks().sendTest(owner, tenant, hook);
            }
            refused(ErrorCode.RATE_LIMITED, () -> t.kit.webhooks().sendTest(owner, tenant, hook));
            UUID sent = t.kit.webhooks().deliveries(owner, tenant, hook, PageRequest.first()).items().get(0).id();
            refused(ErrorCode.RATE_LIMITED, () -> t.kit.webhooks().replay(owner, tenant, hook, sent));
            assertThat(t.kit.webhooks().deliveries(owner, tenant, hook, new PageRequest(200, null)).items()).hasSize(30);
            // Someone else is not held up by it.
            Actor tenantAdmin = joined(Role.ADMIN);
            assertThat(t.kit.webhooks().sendTest(tenantAdmin, tenant, hook).status()).isEqualTo("PENDING");
        }

        @Test
        void outsidersAndOtherScopesSeeNothing() {
            UUID tenantHook = t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            UUID platformHook = platformHook().webhook().id();
            Actor stranger = t.user("stranger@example.org");
            TenantId strangers = t.family(stranger, "Strangers").id();
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().list(stranger, tenant, PageRequest.first()));
            // Another tenant's endpoint, asked for under one's own tenant: not found.
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().get(stranger, strangers, tenantHook));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().delete(stranger, strangers, tenantHook));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().rotateSecret(stranger, strangers, tenantHook));
            // The platform's endpoint under a tenant, and a tenant's under the platform: not found.
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().get(owner, tenant, platformHook));
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().get(admin, null, tenantHook));
        }
    }

    @Nested
    class Delivery {
        @Test
        void anEventIsDeliveredSignedAsStandardWebhooksSays() {
            CreatedWebhook hook = platformHook();
            Event joined = event(EventType.MEMBERSHIP_JOINED, tenant);
            dispatch(joined);

            assertThat(deliver()).isEqualTo(new WebhookReport(1, 1, 0, 0));

            WebhookSender.Request request = sender.last();
            assertThat(request.url().toString()).isEqualTo(URL);
            assertThat(request.headers()).containsEntry("webhook-id", joined.id().toString())
                    .containsEntry("webhook-timestamp", Long.toString(t.clock.instant().getEpochSecond()))
                    .containsEntry("content-type", "application/json");
            assertThat(request.headers().get("webhook-signature")).startsWith("v1,").doesNotContain(" ");
            assertThat(verifies(hook.secret(), request)).isTrue();
            assertThat(new String(request.body(), StandardCharsets.UTF_8))
                    .startsWith("{\"type\":\"membership.joined\",\"timestamp\":\"" + joined.occurredAt() + "\",\"data\":{\"id\":\""
                            + joined.id() + "\",\"version\":1,\"actor_id\":\"" + owner.id() + "\",\"tenant_id\":\"" + tenant + "\"");
            WebhookDeliveryView delivery = deliveriesOf(null, hook.webhook().id()).get(0);
            assertThat(delivery.status()).isEqualTo("SUCCEEDED");
            assertThat(delivery.attempts()).isEqualTo(1);
            assertThat(delivery.lastStatusCode()).isEqualTo(200);
            assertThat(delivery.lastLatencyMillis()).isEqualTo(7);
            assertThat(delivery.nextAttemptAt()).isNull();
            assertThat(deliver().claimed()).isZero();
        }

        @Test
        void anEventDispatchedTwiceIsQueuedOncePerEndpoint() {
            UUID id = platformHook().webhook().id();
            Event created = event(EventType.TENANT_CREATED, tenant);
            dispatch(created);
            dispatch(created);
            assertThat(deliveriesOf(null, id)).hasSize(1);
        }

        @Test
        void tenantEndpointsReceiveOnlyTheirTenantsEventsAndTheirFilteredTypes() {
            Actor stranger = t.user("stranger@example.org");
            TenantId strangers = t.family(stranger, "Strangers").id();
            UUID all = t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            UUID joins = t.kit.webhooks().create(owner, tenant, new NewWebhook(URL, Set.of("membership.joined"), null, true))
                    .webhook().id();
            UUID platform = platformHook().webhook().id();

            dispatch(event(EventType.MEMBERSHIP_JOINED, tenant), event(EventType.MEMBERSHIP_LEFT, tenant),
                    event(EventType.MEMBERSHIP_JOINED, strangers), event(EventType.ACCOUNT_CREATED, null));

            assertThat(deliveriesOf(tenant, all)).extracting(WebhookDeliveryView::eventType)
                    .containsExactlyInAnyOrder("membership.joined", "membership.left");
            assertThat(deliveriesOf(tenant, joins)).extracting(WebhookDeliveryView::eventType)
                    .containsExactly("membership.joined");
            assertThat(deliveriesOf(null, platform)).hasSize(4);
        }

        @Test
        void aReceiverDownIsRetriedOnTheScheduleUntilDeliveredWithTheSameWebhookIdEachAttempt() {
            CreatedWebhook hook = platformHook();
            Event event = event(EventType.TENANT_CREATED, null);
            dispatch(event);
            sender.failNext(1, 503);
            sender.failNext(1, 0);

            assertThat(deliver()).isEqualTo(new WebhookReport(1, 0, 1, 0));
            WebhookDeliveryView first = deliveriesOf(null, hook.webhook().id()).get(0);
            assertThat(first.status()).isEqualTo("RETRYING");
            assertThat(first.lastStatusCode()).isEqualTo(503);
            assertThat(first.nextAttemptAt()).isEqualTo(t.clock.instant().plusSeconds(5));

            t.clock.advance(Duration.ofSeconds(4));
            assertThat(deliver().claimed()).as("not due yet").isZero();
            t.clock.advance(Duration.ofSeconds(1));
            assertThat(deliver()).isEqualTo(new WebhookReport(1, 0, 1, 0));
            WebhookDeliveryView second = deliveriesOf(null, hook.webhook().id()).get(0);
            assertThat(second.lastStatusCode()).isNull();
            assertThat(second.lastError()).isEqualTo("connection refused");
            assertThat(second.nextAttemptAt()).isEqualTo(t.clock.instant().plus(Duration.ofMinutes(5)));

            t.clock.advance(Duration.ofMinutes(5));
            assertThat(deliver()).isEqualTo(new WebhookReport(1, 1, 0, 0));
            assertThat(sender.requests).hasSize(3).allSatisfy(r -> {
                assertThat(r.headers().get("webhook-id")).isEqualTo(event.id().toString());
                assertThat(verifies(hook.secret(), r)).isTrue();
            });
            assertThat(deliveriesOf(null, hook.webhook().id()).get(0).attempts()).isEqualTo(3);
            t.clock.advance(Duration.ofDays(2));
            assertThat(deliver().claimed()).isZero();
        }

        @Test
        void afterTheLastAttemptOfTheDefaultScheduleTheDeliveryFails() {
            RecordingWebhookSender down = new RecordingWebhookSender();
            TestKit defaults = new TestKit(s -> s, (builder, storage) -> builder.webhookSender(down));
            Actor root = defaults.admin();
            UUID id = defaults.kit.webhooks().create(root, null, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            defaults.kit.webhooks().sendTest(root, null, id);
            down.failNext(8, 500);
            List<Instant> attempts = new ArrayList<>();
            List<WebhookReport> reports = new ArrayList<>();
            while (reports.size() < 8) {
                WebhookReport report = defaults.kit.delivery().deliverWebhooksOnce();
                if (report.claimed() > 0) {
                    reports.add(report);
                    attempts.add(defaults.clock.instant());
                }
                defaults.clock.advance(Duration.ofSeconds(5));
            }
            assertThat(reports.subList(0, 7)).allMatch(r -> r.retrying() == 1);
            assertThat(reports.get(7)).isEqualTo(new WebhookReport(1, 0, 0, 1));
            List<Duration> waits = new ArrayList<>();
            for (int i = 1; i < attempts.size(); i++) {
                waits.add(Duration.between(attempts.get(i - 1), attempts.get(i)));
            }
            assertThat(waits).isEqualTo(WebhookPolicy.defaults().retryDelays());
            assertThat(down.requests).hasSize(8);
            WebhookDeliveryView failed = defaults.kit.webhooks().deliveries(root, null, id, PageRequest.first()).items().get(0);
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.nextAttemptAt()).isNull();
            assertThat(defaults.kit.webhooks().get(root, null, id).state()).isEqualTo("FAILING");
        }

        @Test
        void failuresMakeAnEndpointFailingThenDisabledAndASuccessMakesItActive() {
            UUID id = platformHook().webhook().id();
            // The kit's policy: FAILING after 3 failed attempts in a row, DISABLED after 6.
            for (int i = 0; i < 3; i++) {
                dispatch(event(EventType.TENANT_CREATED, null));
            }
            sender.failNext(3, 500);
            deliver();
            WebhookView failing = t.kit.webhooks().get(admin, null, id);
            assertThat(failing.state()).isEqualTo("FAILING");
            assertThat(failing.consecutiveFailures()).isEqualTo(3);

            t.clock.advance(Duration.ofSeconds(5));
            deliver(); // the three retries succeed
            assertThat(t.kit.webhooks().get(admin, null, id).state()).isEqualTo("ACTIVE");
            assertThat(t.kit.webhooks().get(admin, null, id).consecutiveFailures()).isZero();

            for (int i = 0; i < 6; i++) {
                dispatch(event(EventType.TENANT_CREATED, null));
            }
            sender.failNext(6, 500);
            deliver();
            WebhookView disabled = t.kit.webhooks().get(admin, null, id);
            assertThat(disabled.state()).isEqualTo("DISABLED");
            assertThat(disabled.enabled()).isFalse();
            assertThat(audited()).contains("webhook_endpoint.disabled");
        }

        @Test
        void aDisabledEndpointGetsNoNewDeliveriesAndItsPendingOnesWait() {
            UUID id = platformHook().webhook().id();
            dispatch(event(EventType.TENANT_CREATED, null));
            t.kit.webhooks().update(admin, null, id, new WebhookChange(null, null, null, false));
            assertThat(t.kit.webhooks().get(admin, null, id).state()).isEqualTo("DISABLED");

            dispatch(event(EventType.TENANT_ACTIVATED, null));
            assertThat(deliveriesOf(null, id)).hasSize(1);
            assertThat(deliver().claimed()).isZero();
            assertThat(sender.requests).isEmpty();

            t.kit.webhooks().update(admin, null, id, new WebhookChange(null, null, null, true));
            assertThat(deliver()).isEqualTo(new WebhookReport(1, 1, 0, 0));
        }

        @Test
        void aReplayDeliversTheSameEventAgainAsANewDelivery() {
            CreatedWebhook hook = platformHook();
            Event event = event(EventType.TENANT_CREATED, null);
            dispatch(event);
            deliver();
            UUID original = deliveriesOf(null, hook.webhook().id()).get(0).id();

            t.clock.advance(Duration.ofMinutes(1));
            WebhookDeliveryView replay = t.kit.webhooks().replay(admin, null, hook.webhook().id(), original);
            assertThat(replay.id()).isNotEqualTo(original);
            assertThat(replay.status()).isEqualTo("PENDING");
            assertThat(replay.eventId()).isEqualTo(event.id());
            assertThat(deliver()).isEqualTo(new WebhookReport(1, 1, 0, 0));
            assertThat(sender.requests).hasSize(2)
                    .allSatisfy(r -> assertThat(r.headers().get("webhook-id")).isEqualTo(event.id().toString()));
            assertThat(sender.requests.get(0).body()).isEqualTo(sender.requests.get(1).body());
            assertThat(deliveriesOf(null, hook.webhook().id())).extracting(WebhookDeliveryView::id)
                    .containsExactly(replay.id(), original);
            refused(ErrorCode.NOT_FOUND, () -> t.kit.webhooks().replay(admin, null, hook.webhook().id(), UUID.randomUUID()));
        }

        @Test
        void aRotatedOutSecretStillSignsFor24HoursThenOnlyTheNewOne() {
            CreatedWebhook hook = platformHook();
            CreatedWebhook rotated = t.kit.webhooks().rotateSecret(admin, null, hook.webhook().id());
            assertThat(rotated.secret()).isNotEqualTo(hook.secret());

            dispatch(event(EventType.TENANT_CREATED, null));
            deliver();
            WebhookSender.Request during = sender.last();
            assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);
            assertThat(verifies(rotated.secret(), during)).isTrue();
            assertThat(verifies(hook.secret(), during)).isTrue();

            t.clock.advance(Duration.ofHours(24));
            dispatch(event(EventType.TENANT_ACTIVATED, null));
            deliver();
            WebhookSender.Request after = sender.last();
            assertThat(after.headers().get("webhook-signature").split(" ")).hasSize(1);
            assertThat(verifies(rotated.secret(), after)).isTrue();
            assertThat(verifies(hook.secret(), after)).isFalse();
        }

        @Test
        void aTestEventGoesToThatEndpointAloneAndIsNoEventOfTheLog() {
            CreatedWebhook hook = platformHook();
            UUID other = platformHook().webhook().id();
            int audits = t.storage.auditLog().events().size();
            WebhookDeliveryView test = t.kit.webhooks().sendTest(admin, null, hook.webhook().id());
            assertThat(test.eventType()).isEqualTo("webhook.test");
            assertThat(deliver()).isEqualTo(new WebhookReport(1, 1, 0, 0));
            assertThat(new String(sender.last().body(), StandardCharsets.UTF_8)).startsWith("{\"type\":\"webhook.test\"");
            assertThat(verifies(hook.secret(), sender.last())).isTrue();
            assertThat(deliveriesOf(null, other)).isEmpty();
            assertThat(t.storage.auditLog().events()).hasSize(audits);
        }

        @Test
        void noSecretReachesTheLog() {
            java.io.PrintStream original = System.err;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            List<String> secrets = new ArrayList<>();
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                CreatedWebhook hook = platformHook();
                secrets.add(hook.secret());
                secrets.add(t.kit.webhooks().rotateSecret(admin, null, hook.webhook().id()).secret());
                for (int i = 0; i < 6; i++) {
                    dispatch(event(EventType.TENANT_CREATED, null));
                }
                sender.failNext(6, 500); // failing, then disabled: both logged
                deliver();
            } finally {
                System.setErr(original);
            }
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).as("the log was captured").contains("is disabled after");
            for (String secret : secrets) {
                assertThat(log).doesNotContain(secret.substring("whsec_".length()));
            }
            assertThat(log).doesNotContain("whsec_");
        }

        @Test
        void aSenderThatThrowsCountsAsAFailedAttempt() {
            TestKit throwing = new TestKit(s -> s, (builder, storage) -> builder.webhookSender(request -> {
                throw new IllegalStateException("bug in the sender");
            }));
            Actor root = throwing.admin();
            UUID id = throwing.kit.webhooks().create(root, null, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            throwing.kit.webhooks().sendTest(root, null, id);
            assertThat(throwing.kit.delivery().deliverWebhooksOnce()).isEqualTo(new WebhookReport(1, 0, 1, 0));
            assertThat(throwing.kit.webhooks().deliveries(root, null, id, PageRequest.first()).items().get(0).lastError())
                    .isEqualTo("the webhook sender failed: IllegalStateException");
        }

        @Test
        void aSecretSealedUnderAnotherKeySignsNothingAndSaysWhy() {
            byte[] before = new byte[32];
            byte[] after = new byte[32];
            after[0] = 1;
            TestKit first = new TestKit(s -> s, (builder, storage) -> builder.secretKey(before).webhookSender(sender));
            Actor root = first.admin();
            UUID id = first.kit.webhooks().create(root, null, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            first.kit.webhooks().sendTest(root, null, id);
            io.invitekit.application.Invitekit restartedWithAnotherKey = io.invitekit.application.Invitekit.builder()
                    .storage(first.storage).clock(first.clock).inMemory().secretKey(after).webhookSender(sender).build();

            assertThat(restartedWithAnotherKey.delivery().deliverWebhooksOnce()).isEqualTo(new WebhookReport(1, 0, 1, 0));
            assertThat(sender.requests).isEmpty();
            assertThat(first.kit.webhooks().deliveries(root, null, id, PageRequest.first()).items().get(0).lastError())
                    .contains("secret key changed");
        }

        @Test
        void withoutASenderEveryAttemptFailsVisibly() {
            TestKit bare = new TestKit();
            Actor root = bare.admin();
            UUID id = bare.kit.webhooks().create(root, null, new NewWebhook(URL, Set.of(), null, true)).webhook().id();
            bare.kit.webhooks().sendTest(root, null, id);
            assertThat(bare.kit.delivery().deliverWebhooksOnce()).isEqualTo(new WebhookReport(1, 0, 1, 0));
            assertThat(bare.kit.webhooks().deliveries(root, null, id, PageRequest.first()).items().get(0).lastError())
                    .isEqualTo("no webhook sender is configured");
        }
    }
}

package io.invitekit.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.WebhookPolicy;
import io.invitekit.application.port.out.WebhookDelivery.Status;
import io.invitekit.application.port.out.WebhookEndpoint.Health;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The endpoint's health and the delivery's status, one transition at a time. */
class WebhookTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final WebhookPolicy POLICY = WebhookPolicy.defaults();
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());

    static WebhookEndpoint endpoint(TenantId tenant, Set<String> types) {
        return new WebhookEndpoint(UUID.randomUUID(), tenant, URI.create("https://hooks.example.org/in"), types, null,
                true, Health.ACTIVE, 0, null, new byte[] {1}, null, null, 0, T0, T0);
    }

    static Event event(EventType type, TenantId tenant) {
        return new Event(UUID.randomUUID(), type, type.version(), T0, new UserId(UUID.randomUUID()), tenant, "s",
                Map.of());
    }

    @Nested
    class Health_ {
        @Test
        void aFailureCountsAndStaysActiveBelowTheFailingThreshold() {
            WebhookEndpoint once = endpoint(null, Set.of()).afterFailure(T0, POLICY);
            assertThat(once.health()).isEqualTo(Health.ACTIVE);
            assertThat(once.consecutiveFailures()).isEqualTo(1);
            assertThat(once.failingSince()).isEqualTo(T0);
        }

        @Test
        void fiveFailuresInARowMakeItFailing() {
            WebhookEndpoint e = endpoint(null, Set.of());
            for (int i = 0; i < 4; i++) {
                e = e.afterFailure(T0.plusSeconds(i), POLICY);
            }
            assertThat(e.health()).isEqualTo(Health.ACTIVE);
            e = e.afterFailure(T0.plusSeconds(5), POLICY);
            assertThat(e.health()).isEqualTo(Health.FAILING);
            assertThat(e.failingSince()).isEqualTo(T0);
            assertThat(e.enabled()).isTrue();
        }

        @Test
        void theBackstopCountOfFailuresInARowDisablesIt() {
            int backstop = POLICY.disableAfterFailures();
            WebhookEndpoint e = endpoint(null, Set.of());
            for (int i = 0; i < backstop - 1; i++) {
                e = e.afterFailure(T0.plusMillis(i), POLICY);
            }
            assertThat(e.health()).isEqualTo(Health.FAILING);
            e = e.afterFailure(T0.plusMillis(backstop), POLICY);
            assertThat(e.health()).isEqualTo(Health.DISABLED);
            assertThat(e.enabled()).isFalse();
            assertThat(e.state()).isEqualTo(Health.DISABLED);
        }

        @Test
        void fiveDaysOfOnlyFailuresDisableIt() {
            WebhookEndpoint e = endpoint(null, Set.of()).afterFailure(T0, POLICY);
            e = e.afterFailure(T0.plus(Duration.ofDays(5)).minusSeconds(1), POLICY);
            assertThat(e.health()).isEqualTo(Health.ACTIVE);
            e = e.afterFailure(T0.plus(Duration.ofDays(5)), POLICY);
            assertThat(e.health()).isEqualTo(Health.DISABLED);
        }

        @Test
        void aSuccessMakesAFailingEndpointActiveAndEndsTheRun() {
            WebhookEndpoint e = endpoint(null, Set.of());
            for (int i = 0; i < 5; i++) {
                e = e.afterFailure(T0, POLICY);
            }
            WebhookEndpoint recovered = e.afterSuccess(T0.plusSeconds(60));
            assertThat(recovered.health()).isEqualTo(Health.ACTIVE);
            assertThat(recovered.consecutiveFailures()).isZero();
            assertThat(recovered.failingSince()).isNull();
        }

        @Test
        void turningADisabledEndpointOnAgainStartsItAfresh() {
            WebhookEndpoint e = endpoint(null, Set.of());
            for (int i = 0; i < 6; i++) {
                e = e.afterFailure(T0.plus(Duration.ofDays(i)), POLICY); // the sixth is five days into the run
            }
            assertThat(e.state()).isEqualTo(Health.DISABLED);
            WebhookEndpoint on = e.changed(e.url(), e.eventTypes(), e.description(), true, T0.plusSeconds(1));
            assertThat(on.state()).isEqualTo(Health.ACTIVE);
            assertThat(on.consecutiveFailures()).isZero();
        }

        @Test
        void turnedOffByAPersonItShowsDisabledAndMatchesNothing() {
            WebhookEndpoint e = endpoint(null, Set.of());
            WebhookEndpoint off = e.changed(e.url(), e.eventTypes(), null, false, T0);
            assertThat(off.state()).isEqualTo(Health.DISABLED);
            assertThat(off.matches(event(EventType.TENANT_CREATED, null))).isFalse();
        }
    }

    @Nested
    class Matching {
        @Test
        void aPlatformEndpointReceivesEveryTenantsEventsAndPlatformOnes() {
            WebhookEndpoint platform = endpoint(null, Set.of());
            assertThat(platform.matches(event(EventType.MEMBERSHIP_JOINED, TENANT))).isTrue();
            assertThat(platform.matches(event(EventType.ACCOUNT_CREATED, null))).isTrue();
        }

        @Test
        void aTenantsEndpointReceivesOnlyThatTenantsEvents() {
            WebhookEndpoint own = endpoint(TENANT, Set.of());
            assertThat(own.matches(event(EventType.MEMBERSHIP_JOINED, TENANT))).isTrue();
            assertThat(own.matches(event(EventType.MEMBERSHIP_JOINED, new TenantId(UUID.randomUUID())))).isFalse();
            assertThat(own.matches(event(EventType.ACCOUNT_CREATED, null))).isFalse();
        }

        @Test
        void theTypeFilterTakesOnlyItsTypes() {
            WebhookEndpoint filtered = endpoint(null, Set.of("membership.joined"));
            assertThat(filtered.matches(event(EventType.MEMBERSHIP_JOINED, TENANT))).isTrue();
            assertThat(filtered.matches(event(EventType.MEMBERSHIP_LEFT, TENANT))).isFalse();
        }
    }

    @Nested
    class Secrets {
        @Test
        void aRotatedOutSecretSignsBesideTheNewOneForItsGraceOnly() {
            WebhookEndpoint e = endpoint(null, Set.of());
            byte[] old = e.sealedSecret();
            WebhookEndpoint rotated = e.rotated(new byte[] {2}, T0, Duration.ofHours(24));
            assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(24)).minusSeconds(1)))
                    .containsExactly(new byte[] {2}, old);
            assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(24)))).containsExactly(new byte[] {2});
        }

        @Test
        void neitherSecretShowsInToString() {
            WebhookEndpoint e = endpoint(null, Set.of()).rotated(new byte[] {42, 43}, T0, Duration.ofHours(1));
            assertThat(e.toString()).contains("secrets redacted").doesNotContain("[B@");
        }
    }

    @Nested
    class Deliveries {
        private final WebhookDelivery queued = WebhookDelivery.queued(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "tenant.created", "{}", true, T0);

        @Test
        void aTwoHundredSucceeds() {
            WebhookDelivery done = queued.afterAttempt(new WebhookSender.Result(204, Duration.ofMillis(12), null),
                    T0.plusSeconds(1), POLICY);
            assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(done.nextAttemptAt()).isNull();
            assertThat(done.lastLatencyMillis()).isEqualTo(12);
            assertThat(done.lastStatusCode()).isEqualTo(204);
        }

        @Test
        void aFailureRetriesAfterTheScheduledDelay() {
            WebhookDelivery retry = queued.afterAttempt(new WebhookSender.Result(500, Duration.ofMillis(3), null), T0,
                    POLICY);
            assertThat(retry.status()).isEqualTo(Status.RETRYING);
            assertThat(retry.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(retry.lastError()).isEqualTo("the endpoint answered 500");
        }

        @Test
        void noAnswerKeepsTheSendersWords() {
            WebhookDelivery retry = queued.afterAttempt(new WebhookSender.Result(null, Duration.ZERO, "connect timed out"),
                    T0, POLICY);
            assertThat(retry.lastStatusCode()).isNull();
            assertThat(retry.lastError()).isEqualTo("connect timed out");
        }

        @Test
        void theEighthFailedAttemptIsFinal() {
            WebhookDelivery d = queued;
            Instant at = T0;
            for (int i = 0; i < 7; i++) {
                d = d.afterAttempt(new WebhookSender.Result(503, Duration.ZERO, null), at, POLICY);
                assertThat(d.status()).isEqualTo(Status.RETRYING);
                at = d.nextAttemptAt();
            }
            d = d.afterAttempt(new WebhookSender.Result(503, Duration.ZERO, null), at, POLICY);
            assertThat(d.status()).isEqualTo(Status.FAILED);
            assertThat(d.attempts()).isEqualTo(8);
            assertThat(d.nextAttemptAt()).isNull();
        }

        @Test
        void aFinalDeliveryTakesNoMoreAttempts() {
            WebhookDelivery done = queued.afterAttempt(new WebhookSender.Result(200, Duration.ZERO, null), T0, POLICY);
            assertThatThrownBy(() -> done.afterAttempt(new WebhookSender.Result(200, Duration.ZERO, null), T0, POLICY))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aReplayIsANewPendingDeliveryOfTheSameEvent() {
            WebhookDelivery failed = queued.afterAttempt(new WebhookSender.Result(500, Duration.ZERO, null), T0,
                    POLICY.withRetryDelays(List.of()));
            WebhookDelivery replay = failed.replayed(UUID.randomUUID(), T0.plusSeconds(9));
            assertThat(replay.id()).isNotEqualTo(failed.id());
            assertThat(replay.eventId()).isEqualTo(failed.eventId());
            assertThat(replay.status()).isEqualTo(Status.PENDING);
            assertThat(replay.attempts()).isZero();
            assertThat(replay.fanOut()).isFalse();
            assertThat(replay.nextAttemptAt()).isEqualTo(T0.plusSeconds(9));
        }

        @Test
        void aDueDeliveryWithoutANextTimeCannotBeBuilt() {
            assertThatThrownBy(() -> new WebhookDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "x",
                    "{}", false, Status.RETRYING, 1, null, null, null, null, T0, T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theDefaultScheduleIsStandardWebhooks() {
        assertThat(POLICY.retryDelays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        assertThat(POLICY.maxAttempts()).isEqualTo(8);
        assertThat(POLICY.nextAttempt(7, T0)).isEqualTo(T0.plus(Duration.ofHours(10)));
        assertThat(POLICY.nextAttempt(8, T0)).isNull();
    }
}

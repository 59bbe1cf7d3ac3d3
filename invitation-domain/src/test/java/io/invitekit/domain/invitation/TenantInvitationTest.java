package io.invitekit.domain.invitation;

import static io.invitekit.domain.invitation.InvitationFixtures.ADMIN;
import static io.invitekit.domain.invitation.InvitationFixtures.OWNER;
import static io.invitekit.domain.invitation.InvitationFixtures.POLICY;
import static io.invitekit.domain.invitation.InvitationFixtures.T0;
import static io.invitekit.domain.invitation.InvitationFixtures.TENANT;
import static io.invitekit.domain.invitation.InvitationFixtures.afterExpiry;
import static io.invitekit.domain.invitation.InvitationFixtures.digest;
import static io.invitekit.domain.invitation.InvitationFixtures.expiry;
import static io.invitekit.domain.invitation.InvitationFixtures.in;
import static io.invitekit.domain.invitation.InvitationFixtures.pending;
import static io.invitekit.domain.shared.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantInvitationTest {

    @Nested
    class Create {
        @Test
        void refusesALifetimeThatWouldBeOverBeforeItStarts() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pending(0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void startsPendingWithExpiryTtlDaysAfterCreation() {
            TenantInvitation invitation = pending(3);

            assertThat(invitation.storedStatus()).isEqualTo(InvitationStatus.PENDING);
            assertThat(invitation.status(T0)).isEqualTo(InvitationStatus.PENDING);
            assertThat(invitation.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
            assertThat(invitation.ttlDays()).isEqualTo(3);
        }

        @Test
        void countsCreationAsTheFirstEmailAndTheFirstVersion() {
            TenantInvitation invitation = pending();

            assertThat(invitation.lastSentAt()).isEqualTo(T0);
            assertThat(invitation.resendCount()).isZero();
            assertThat(invitation.version()).isZero();
            assertThat(invitation.invitedBy()).isEqualTo(ADMIN);
        }

        @Test
        void hasNoOutcomeYet() {
            TenantInvitation invitation = pending();

            assertThat(invitation.acceptedAt()).isNull();
            assertThat(invitation.cancelledAt()).isNull();
            assertThat(invitation.createdTenant()).isNull();
            assertThat(invitation.createdUser()).isNull();
        }
    }

    /** The inviter's display name, kept as the user directory gave it when the invitation was made. */
    @Nested
    class InviterName {
        private TenantInvitation invitedBy(String name) {
            return TenantInvitation.create(pending().id(), pending().email(), null, pending().plan(), null, ADMIN, name,
                    digest(0), 7, T0);
        }

        @Test
        void isKeptStrippedAndMayBeAbsent() {
            assertThat(pending().inviterName()).isEqualTo("Ada Admin");
            assertThat(invitedBy("  Ada Admin \t").inviterName()).isEqualTo("Ada Admin");
            assertThat(invitedBy(null).inviterName()).isNull();
        }

        @Test
        void aNameNobodyCouldShowOnOneLineIsNotShownAtAll() {
            assertThat(invitedBy("   ").inviterName()).isNull();
            assertThat(invitedBy("Ada\r\nBcc: x@example.org").inviterName()).isNull();
            assertThat(invitedBy("\u202EnimdA adA").inviterName()).isNull();
        }

        @Test
        void aLongNameIsCut() {
            String longName = "A".repeat(TenantInvitation.MAX_INVITER_NAME + 50);
            assertThat(invitedBy(longName).inviterName()).hasSize(TenantInvitation.MAX_INVITER_NAME);
        }

        @Test
        void survivesEveryTransition() {
            for (InvitationStatus status : InvitationStatus.values()) {
                assertThat(in(status).inviterName()).as("%s", status).isEqualTo("Ada Admin");
            }
        }
    }

    @Nested
    class ComputedExpiry {
        @Test
        void isPendingJustBeforeExpiresAt() {
            assertThat(pending().status(expiry().minusNanos(1))).isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void isExpiredAtExactlyExpiresAt() {
            assertThat(pending().status(expiry())).isEqualTo(InvitationStatus.EXPIRED);
        }

        @Test
        void isExpiredAfterExpiresAtEvenThoughNothingWasWritten() {
            TenantInvitation invitation = pending();

            assertThat(invitation.status(afterExpiry())).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(invitation.storedStatus()).isEqualTo(InvitationStatus.PENDING);
        }

        @Test
        void neverTurnsAcceptedOrCancelledIntoExpired() {
            Instant muchLater = expiry().plus(Duration.ofDays(365));

            assertThat(in(InvitationStatus.ACCEPTED).status(muchLater)).isEqualTo(InvitationStatus.ACCEPTED);
            assertThat(in(InvitationStatus.CANCELLED).status(muchLater)).isEqualTo(InvitationStatus.CANCELLED);
        }
    }

    @Nested
    class Accept {
        @Test
        void movesPendingToAcceptedAndRecordsWhatWasCreated() {
            Instant now = T0.plus(Duration.ofHours(2));

            TenantInvitation accepted = pending().accept(now, TENANT, OWNER);

            assertThat(accepted.status(now)).isEqualTo(InvitationStatus.ACCEPTED);
            assertThat(accepted.storedStatus()).isEqualTo(InvitationStatus.ACCEPTED);
            assertThat(accepted.acceptedAt()).isEqualTo(now);
            assertThat(accepted.createdTenant()).isEqualTo(TENANT);
            assertThat(accepted.createdUser()).isEqualTo(OWNER);
            assertThat(accepted.version()).isEqualTo(1);
        }

        @Test
        void succeedsJustBeforeExpiry() {
            Instant lastMoment = expiry().minusNanos(1);

            assertThat(pending().accept(lastMoment, TENANT, OWNER).status(lastMoment)).isEqualTo(InvitationStatus.ACCEPTED);
        }

        @Test
        void isRefusedAsExpiredAtExactlyExpiresAt() {
            InvalidTransitionException refusal = assertRefused(() -> pending().accept(expiry(), TENANT, OWNER),
                    InvalidTransitionException.class, ErrorCode.INVITATION_EXPIRED);

            assertThat(refusal.from()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(refusal.action()).isEqualTo(InvitationAction.ACCEPT);
        }

        @Test
        void isRefusedAsExpiredOnceTheSweeperWroteIt() {
            TenantInvitation swept = pending().expire(afterExpiry());

            assertRefused(() -> swept.accept(afterExpiry(), TENANT, OWNER), InvalidTransitionException.class,
                    ErrorCode.INVITATION_EXPIRED);
        }

        @Test
        void isRefusedAsCancelledAfterCancel() {
            assertRefused(() -> in(InvitationStatus.CANCELLED).accept(T0.plusSeconds(10), TENANT, OWNER),
                    InvalidTransitionException.class, ErrorCode.INVITATION_CANCELLED);
        }

        @Test
        void isRefusedAsAcceptedWhenAcceptedAlready() {
            assertRefused(() -> in(InvitationStatus.ACCEPTED).accept(T0.plusSeconds(10), TENANT, OWNER),
                    InvalidTransitionException.class, ErrorCode.INVITATION_ACCEPTED);
        }

        @Test
        void requireOpenPassesForAPendingInvitationAndNamesWhyADeadOneIsDead() {
            assertThatNoException().isThrownBy(() -> pending().requireOpen(T0));
            assertRefused(() -> pending().requireOpen(expiry()), InvalidTransitionException.class,
                    ErrorCode.INVITATION_EXPIRED);
            assertRefused(() -> in(InvitationStatus.CANCELLED).requireOpen(T0), InvalidTransitionException.class,
                    ErrorCode.INVITATION_CANCELLED);
            assertRefused(() -> in(InvitationStatus.ACCEPTED).requireOpen(T0), InvalidTransitionException.class,
                    ErrorCode.INVITATION_ACCEPTED);
        }

        @Test
        void worksAgainAfterAnExpiredInvitationIsResent() {
            TenantInvitation resent = pending().resend(afterExpiry(), digest(1), POLICY);

            TenantInvitation accepted = resent.accept(afterExpiry().plusSeconds(30), TENANT, OWNER);

            assertThat(accepted.storedStatus()).isEqualTo(InvitationStatus.ACCEPTED);
        }
    }

    @Nested
    class Cancel {
        @Test
        void movesPendingToCancelled() {
            Instant now = T0.plus(Duration.ofDays(1));

            TenantInvitation cancelled = pending().cancel(now);

            assertThat(cancelled.status(now)).isEqualTo(InvitationStatus.CANCELLED);
            assertThat(cancelled.cancelledAt()).isEqualTo(now);
            assertThat(cancelled.acceptedAt()).isNull();
            assertThat(cancelled.version()).isEqualTo(1);
        }

        @Test
        void isAnInvalidTransitionForAnInvitationThatExpiredByTime() {
            assertRefused(() -> pending().cancel(expiry()), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }

        @Test
        void isAnInvalidTransitionForAnInvitationTheSweeperExpired() {
            TenantInvitation swept = pending().expire(afterExpiry());

            assertRefused(() -> swept.cancel(afterExpiry()), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }
    }

    @Nested
    class Expire {
        @Test
        void writesExpiredForAPendingInvitationPastItsExpiry() {
            TenantInvitation swept = pending().expire(expiry());

            assertThat(swept.storedStatus()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(swept.status(expiry())).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(swept.version()).isEqualTo(1);
            assertThat(swept.expiresAt()).isEqualTo(expiry());
        }

        @Test
        void isAnInvalidTransitionBeforeExpiry() {
            InvalidTransitionException refusal = assertRefused(() -> pending().expire(expiry().minusNanos(1)),
                    InvalidTransitionException.class, ErrorCode.INVALID_TRANSITION);

            assertThat(refusal.from()).isEqualTo(InvitationStatus.PENDING);
            assertThat(refusal.action()).isEqualTo(InvitationAction.EXPIRE);
        }

        @Test
        void isAnInvalidTransitionWhenAlreadyWritten() {
            TenantInvitation swept = pending().expire(afterExpiry());

            assertRefused(() -> swept.expire(afterExpiry()), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }
    }

    @Nested
    class Resend {
        @Test
        void issuesANewTokenAndRestartsTheLifetimeFromNow() {
            Instant now = T0.plus(Duration.ofDays(2));

            TenantInvitation resent = pending().resend(now, digest(1), POLICY);

            assertThat(resent.tokenDigest()).isEqualTo(digest(1)).isNotEqualTo(pending().tokenDigest());
            assertThat(resent.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
            assertThat(resent.status(now)).isEqualTo(InvitationStatus.PENDING);
            assertThat(resent.resendCount()).isEqualTo(1);
            assertThat(resent.lastSentAt()).isEqualTo(now);
            assertThat(resent.version()).isEqualTo(1);
        }

        @Test
        void keepsTheLifetimeTheInvitationWasCreatedWith() {
            Instant now = T0.plus(Duration.ofDays(1));

            TenantInvitation resent = pending(3).resend(now, digest(1), POLICY);

            assertThat(resent.ttlDays()).isEqualTo(3);
            assertThat(resent.expiresAt()).isEqualTo(now.plus(Duration.ofDays(3)));
        }

        @Test
        void revivesAnInvitationThatExpiredByTime() {
            Instant now = afterExpiry();

            TenantInvitation revived = pending().resend(now, digest(1), POLICY);

            assertThat(revived.status(now)).isEqualTo(InvitationStatus.PENDING);
            assertThat(revived.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
        }

        @Test
        void revivesAnInvitationTheSweeperExpired() {
            Instant now = afterExpiry().plus(Duration.ofDays(40));
            TenantInvitation swept = pending().expire(afterExpiry());

            TenantInvitation revived = swept.resend(now, digest(1), POLICY);

            assertThat(revived.storedStatus()).isEqualTo(InvitationStatus.PENDING);
            assertThat(revived.status(now)).isEqualTo(InvitationStatus.PENDING);
            assertThat(revived.version()).isEqualTo(2);
        }

        @Test
        void allowsFiveResendsAndRefusesTheSixth() {
            TenantInvitation invitation = pending();
            Instant now = T0;
            for (int i = 1; i <= 5; i++) {
                now = now.plus(Duration.ofMinutes(1));
                invitation = invitation.resend(now, digest(i), POLICY);
            }
            TenantInvitation fiveTimes = invitation;
            Instant later = now.plus(Duration.ofHours(1));

            assertThat(fiveTimes.resendCount()).isEqualTo(5);
            assertRefused(() -> fiveTimes.resend(later, digest(6), POLICY), RuleViolationException.class,
                    ErrorCode.RESEND_LIMIT_REACHED);
        }

        @Test
        void reportsTheLimitRatherThanACooldownThatWouldNeverEnd() {
            TenantInvitation invitation = pending();
            for (int i = 1; i <= 5; i++) {
                invitation = invitation.resend(T0.plus(Duration.ofMinutes(i)), digest(i), POLICY);
            }
            TenantInvitation fiveTimes = invitation;

            assertRefused(() -> fiveTimes.resend(T0.plus(Duration.ofMinutes(5)).plusSeconds(1), digest(6), POLICY),
                    RuleViolationException.class, ErrorCode.RESEND_LIMIT_REACHED);
        }

        @Test
        void followsAConfiguredLimit() {
            InvitationPolicy noResends = new InvitationPolicy(7, 30, 0, Duration.ofSeconds(60));

            assertRefused(() -> pending().resend(T0.plus(Duration.ofDays(1)), digest(1), noResends),
                    RuleViolationException.class, ErrorCode.RESEND_LIMIT_REACHED);
        }

        @Test
        void isTooSoonWithinTheCooldownOfCreation() {
            RetryLaterException refusal = assertRefused(() -> pending().resend(T0.plusSeconds(15), digest(1), POLICY),
                    RetryLaterException.class, ErrorCode.RESEND_TOO_SOON);

            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(45));
            assertThat(refusal.retryAfterSeconds()).isEqualTo(45);
        }

        @Test
        void roundsTheRetryAfterUpToTheNextSecond() {
            RetryLaterException refusal = assertRefused(
                    () -> pending().resend(T0.plusMillis(59_500), digest(1), POLICY),
                    RetryLaterException.class, ErrorCode.RESEND_TOO_SOON);

            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofMillis(500));
            assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        }

        @Test
        void isAllowedAtExactlyTheEndOfTheCooldown() {
            assertThat(pending().resend(T0.plusSeconds(60), digest(1), POLICY).resendCount()).isEqualTo(1);
        }

        @Test
        void countsTheCooldownFromTheLastResend() {
            Instant firstResend = T0.plus(Duration.ofHours(1));
            TenantInvitation resent = pending().resend(firstResend, digest(1), POLICY);

            RetryLaterException refusal = assertRefused(() -> resent.resend(firstResend.plusSeconds(59), digest(2), POLICY),
                    RetryLaterException.class, ErrorCode.RESEND_TOO_SOON);

            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(resent.resend(firstResend.plusSeconds(60), digest(2), POLICY).resendCount()).isEqualTo(2);
        }

        @Test
        void followsAConfiguredCooldown() {
            InvitationPolicy noCooldown = new InvitationPolicy(7, 30, 5, Duration.ZERO);

            assertThat(pending().resend(T0, digest(1), noCooldown).resendCount()).isEqualTo(1);
        }
    }

    @Test
    void incrementsTheVersionOnEveryTransition() {
        TenantInvitation v0 = pending();
        TenantInvitation v1 = v0.resend(T0.plus(Duration.ofMinutes(1)), digest(1), POLICY);
        TenantInvitation v2 = v1.resend(T0.plus(Duration.ofMinutes(2)), digest(2), POLICY);
        TenantInvitation v3 = v2.accept(T0.plus(Duration.ofMinutes(3)), TENANT, OWNER);

        assertThat(List.of(v0, v1, v2, v3)).extracting(TenantInvitation::version).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void leavesTheOriginalUntouchedByATransition() {
        TenantInvitation original = pending();

        original.cancel(T0.plusSeconds(1));

        assertThat(original).isEqualTo(pending());
    }

    static Stream<Arguments> forbiddenTransitions() {
        List<Arguments> rows = new ArrayList<>();
        for (InvitationStatus from : InvitationStatus.values()) {
            for (InvitationAction action : InvitationAction.values()) {
                if (from.after(action).isEmpty()) {
                    rows.add(Arguments.of(from, action, expectedCode(from, action)));
                }
            }
        }
        return rows.stream();
    }

    private static ErrorCode expectedCode(InvitationStatus from, InvitationAction action) {
        if (action != InvitationAction.ACCEPT) {
            return ErrorCode.INVALID_TRANSITION;
        }
        return switch (from) {
            case EXPIRED -> ErrorCode.INVITATION_EXPIRED;
            case CANCELLED -> ErrorCode.INVITATION_CANCELLED;
            case ACCEPTED -> ErrorCode.INVITATION_ACCEPTED;
            case PENDING -> throw new AssertionError("PENDING accepts");
        };
    }

    /** Acting at {@link InvitationFixtures#afterExpiry()}, when a PENDING invitation has expired by time. */
    @ParameterizedTest(name = "{1} from {0} is refused with {2}")
    @MethodSource("forbiddenTransitions")
    void refusesEveryTransitionTheTableForbids(InvitationStatus from, InvitationAction action, ErrorCode code) {
        TenantInvitation invitation = in(from);
        Instant now = afterExpiry().plus(Duration.ofHours(1));
        assertThat(invitation.status(now)).isEqualTo(from);

        InvalidTransitionException refusal = assertRefused(() -> act(invitation, action, now),
                InvalidTransitionException.class, code);

        assertThat(refusal.from()).isEqualTo(from);
        assertThat(refusal.action()).isEqualTo(action);
    }

    @Test
    void theTableForbidsElevenTransitions() {
        assertThat(forbiddenTransitions()).hasSize(11);
    }

    private static TenantInvitation act(TenantInvitation invitation, InvitationAction action, Instant now) {
        return switch (action) {
            case ACCEPT -> invitation.accept(now, TENANT, OWNER);
            case CANCEL -> invitation.cancel(now);
            case EXPIRE -> invitation.expire(now);
            case RESEND -> invitation.resend(now, digest(99), POLICY);
        };
    }
}

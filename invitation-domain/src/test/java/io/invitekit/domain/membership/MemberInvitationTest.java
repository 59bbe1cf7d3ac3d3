package io.invitekit.domain.membership;

import static io.invitekit.domain.shared.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvalidTransitionException;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MemberInvitationTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final int TTL = 7;
    static final InvitationPolicy POLICY = InvitationPolicy.defaults();
    static final TenantId TENANT = new TenantId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-00000000000a"));
    static final UserId INVITER = new UserId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-00000000000b"));
    static final UserId JOINER = new UserId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-00000000000c"));
    static final MemberInvitationId ID = new MemberInvitationId(UUID.fromString("019a1b2c-3d4e-7f00-8abc-000000000001"));

    static TokenDigest digest(long seed) {
        return SecretToken.generate(new SplittableRandom(seed)).digest();
    }

    static MemberInvitation pending() {
        return invitedBy("Olga Owner");
    }

    static MemberInvitation invitedBy(String name) {
        return MemberInvitation.create(ID, TENANT, EmailAddress.of("kim@family.example"), Role.ADMIN, INVITER, name,
                digest(0), TTL, T0);
    }

    static Instant expiry() {
        return T0.plus(Duration.ofDays(TTL));
    }

    static Instant afterExpiry() {
        return expiry().plusSeconds(1);
    }

    /** An invitation in {@code status} as seen at {@link #afterExpiry()}, the time the tests act at. */
    static MemberInvitation in(InvitationStatus status) {
        return switch (status) {
            case PENDING -> pending().resend(afterExpiry(), digest(1), POLICY); // fresh lifetime from afterExpiry()
            case ACCEPTED -> pending().accept(T0.plusSeconds(5), JOINER);
            case EXPIRED -> pending().expire(afterExpiry()); // as the sweeper wrote it
            case CANCELLED -> pending().cancel(T0.plusSeconds(5));
        };
    }

    @Nested
    class Create {
        @Test
        void startsPendingWithItsLifetimeAndTheFirstEmailSentNow() {
            MemberInvitation invitation = pending();

            assertThat(invitation.storedStatus()).isEqualTo(InvitationStatus.PENDING);
            assertThat(invitation.status(T0)).isEqualTo(InvitationStatus.PENDING);
            assertThat(invitation.expiresAt()).isEqualTo(expiry());
            assertThat(invitation.ttlDays()).isEqualTo(TTL);
            assertThat(invitation.lastSentAt()).isEqualTo(T0);
            assertThat(invitation.resendCount()).isZero();
            assertThat(invitation.version()).isZero();
            assertThat(invitation.role()).isEqualTo(Role.ADMIN);
            assertThat(invitation.acceptedAt()).isNull();
            assertThat(invitation.acceptedBy()).isNull();
            assertThat(invitation.cancelledAt()).isNull();
        }

        @Test
        void refusesALifetimeUnderOneDay() {
            assertThatIllegalArgumentException().isThrownBy(() -> MemberInvitation.create(ID, TENANT,
                    EmailAddress.of("kim@family.example"), Role.MEMBER, INVITER, null, digest(0), 0, T0));
        }

        @Test
        void nobodyIsInvitedAsOwner() {
            assertThatIllegalArgumentException().isThrownBy(() -> MemberInvitation.create(ID, TENANT,
                    EmailAddress.of("kim@family.example"), Role.OWNER, INVITER, null, digest(0), TTL, T0))
                    .withMessageContaining("transfer");
        }

        @Test
        void refusesANegativeResendCount() {
            MemberInvitation p = pending();
            assertThatIllegalArgumentException().isThrownBy(() -> new MemberInvitation(p.id(), p.tenantId(), p.email(),
                    p.role(), p.invitedBy(), p.inviterName(), p.tokenDigest(), p.storedStatus(), p.ttlDays(),
                    p.createdAt(), p.expiresAt(), null, null, null, -1, p.lastSentAt(), 0));
        }
    }

    @Nested
    class InviterName {
        @Test
        void isKeptStrippedAndMayBeAbsent() {
            assertThat(pending().inviterName()).isEqualTo("Olga Owner");
            assertThat(invitedBy("  Olga Owner \t").inviterName()).isEqualTo("Olga Owner");
            assertThat(invitedBy(null).inviterName()).isNull();
        }

        @Test
        void aNameNobodyCouldShowOnOneLineIsNotShownAtAll() {
            assertThat(invitedBy("   ").inviterName()).isNull();
            assertThat(invitedBy("Olga\r\nBcc: x@example.org").inviterName()).isNull();
            assertThat(invitedBy("\u202EagLO").inviterName()).isNull();
        }

        @Test
        void aLongNameIsCut() {
            String longName = "O".repeat(MemberInvitation.MAX_INVITER_NAME + 50);
            assertThat(invitedBy(longName).inviterName()).hasSize(MemberInvitation.MAX_INVITER_NAME);
        }

        @ParameterizedTest
        @EnumSource(InvitationStatus.class)
        void survivesEveryTransition(InvitationStatus status) {
            assertThat(in(status).inviterName()).isEqualTo("Olga Owner");
        }
    }

    @Nested
    class ComputedExpiry {
        @Test
        void isPendingJustBeforeExpiresAtAndExpiredAtIt() {
            assertThat(pending().status(expiry().minusNanos(1))).isEqualTo(InvitationStatus.PENDING);
            assertThat(pending().status(expiry())).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(pending().storedStatus()).isEqualTo(InvitationStatus.PENDING);
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
        void movesPendingToAcceptedAndRecordsWhoAndWhen() {
            Instant at = T0.plusSeconds(30);
            MemberInvitation accepted = pending().accept(at, JOINER);

            assertThat(accepted.storedStatus()).isEqualTo(InvitationStatus.ACCEPTED);
            assertThat(accepted.acceptedAt()).isEqualTo(at);
            assertThat(accepted.acceptedBy()).isEqualTo(JOINER);
            assertThat(accepted.version()).isEqualTo(1);
            assertThat(accepted.tokenDigest()).isEqualTo(pending().tokenDigest());
        }

        @Test
        void anExpiredByTheClockInvitationIsRefusedAsExpired() {
            assertRefused(() -> pending().accept(expiry(), JOINER), InvalidTransitionException.class,
                    ErrorCode.INVITATION_EXPIRED);
            assertRefused(() -> pending().requireOpen(expiry()), InvalidTransitionException.class,
                    ErrorCode.INVITATION_EXPIRED);
        }

        @Test
        void anOpenInvitationPassesRequireOpen() {
            pending().requireOpen(T0);
            assertThat(in(InvitationStatus.PENDING).status(afterExpiry())).isEqualTo(InvitationStatus.PENDING);
            in(InvitationStatus.PENDING).requireOpen(afterExpiry());
        }
    }

    /** from, expected code of an accept. */
    static Stream<Arguments> acceptRefusals() {
        return Stream.of(Arguments.of(InvitationStatus.ACCEPTED, ErrorCode.INVITATION_ACCEPTED),
                Arguments.of(InvitationStatus.EXPIRED, ErrorCode.INVITATION_EXPIRED),
                Arguments.of(InvitationStatus.CANCELLED, ErrorCode.INVITATION_CANCELLED));
    }

    @ParameterizedTest(name = "accept from {0}: {1}")
    @MethodSource("acceptRefusals")
    void acceptIsRefusedOutsidePendingWithTheCodeThatSaysWhy(InvitationStatus from, ErrorCode code) {
        MemberInvitation invitation = in(from);
        assertRefused(() -> invitation.accept(afterExpiry(), JOINER), InvalidTransitionException.class, code);
        assertRefused(() -> invitation.requireOpen(afterExpiry()), InvalidTransitionException.class, code);
    }

    @Nested
    class Cancel {
        @Test
        void movesPendingToCancelled() {
            Instant at = T0.plusSeconds(30);
            MemberInvitation cancelled = pending().cancel(at);

            assertThat(cancelled.storedStatus()).isEqualTo(InvitationStatus.CANCELLED);
            assertThat(cancelled.cancelledAt()).isEqualTo(at);
            assertThat(cancelled.acceptedBy()).isNull();
            assertThat(cancelled.version()).isEqualTo(1);
        }

        @ParameterizedTest
        @EnumSource(value = InvitationStatus.class, names = {"ACCEPTED", "EXPIRED", "CANCELLED"})
        void isRefusedOutsidePending(InvitationStatus from) {
            assertRefused(() -> in(from).cancel(afterExpiry()), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }

        @Test
        void isRefusedOnceExpiredByTheClock() {
            assertRefused(() -> pending().cancel(expiry()), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }
    }

    @Nested
    class Expire {
        @Test
        void writesExpiredForAPendingInvitationPastItsExpiry() {
            MemberInvitation expired = pending().expire(expiry());

            assertThat(expired.storedStatus()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(expired.status(expiry())).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(expired.version()).isEqualTo(1);
        }

        @Test
        void isRefusedBeforeTheExpiry() {
            assertRefused(() -> pending().expire(expiry().minusNanos(1)), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }

        @ParameterizedTest
        @EnumSource(value = InvitationStatus.class, names = {"ACCEPTED", "EXPIRED", "CANCELLED"})
        void isRefusedForAnythingNotStoredPending(InvitationStatus from) {
            assertRefused(() -> in(from).expire(afterExpiry().plus(Duration.ofDays(60))),
                    InvalidTransitionException.class, ErrorCode.INVALID_TRANSITION);
        }
    }

    @Nested
    class Resend {
        private final Instant later = T0.plus(POLICY.resendCooldown());

        @Test
        void rotatesTheTokenRestartsTheLifetimeAndCountsTheEmail() {
            MemberInvitation resent = pending().resend(later, digest(9), POLICY);

            assertThat(resent.storedStatus()).isEqualTo(InvitationStatus.PENDING);
            assertThat(resent.tokenDigest()).isEqualTo(digest(9)).isNotEqualTo(pending().tokenDigest());
            assertThat(resent.expiresAt()).isEqualTo(later.plus(Duration.ofDays(TTL)));
            assertThat(resent.resendCount()).isEqualTo(1);
            assertThat(resent.lastSentAt()).isEqualTo(later);
            assertThat(resent.version()).isEqualTo(1);
        }

        @Test
        void revivesAnExpiredInvitationStoredOrNot() {
            assertThat(pending().resend(afterExpiry(), digest(2), POLICY).status(afterExpiry()))
                    .isEqualTo(InvitationStatus.PENDING);
            MemberInvitation revived = in(InvitationStatus.EXPIRED).resend(afterExpiry(), digest(2), POLICY);
            assertThat(revived.storedStatus()).isEqualTo(InvitationStatus.PENDING);
            assertThat(revived.expiresAt()).isEqualTo(afterExpiry().plus(Duration.ofDays(TTL)));
        }

        @ParameterizedTest
        @EnumSource(value = InvitationStatus.class, names = {"ACCEPTED", "CANCELLED"})
        void isRefusedForAFinishedInvitation(InvitationStatus from) {
            assertRefused(() -> in(from).resend(afterExpiry(), digest(2), POLICY), InvalidTransitionException.class,
                    ErrorCode.INVALID_TRANSITION);
        }

        @Test
        void isRefusedWithinTheCooldownSayingWhenToRetry() {
            Instant tooSoon = T0.plusSeconds(20);
            RetryLaterException refused = assertRefused(() -> pending().resend(tooSoon, digest(2), POLICY),
                    RetryLaterException.class, ErrorCode.RESEND_TOO_SOON);
            assertThat(refused.retryAfter()).isEqualTo(POLICY.resendCooldown().minusSeconds(20));
        }

        @Test
        void isRefusedPastTheCap() {
            MemberInvitation invitation = pending();
            Instant at = T0;
            for (int i = 0; i < POLICY.maxResends(); i++) {
                at = at.plus(POLICY.resendCooldown());
                invitation = invitation.resend(at, digest(10 + i), POLICY);
            }
            assertThat(invitation.resendCount()).isEqualTo(POLICY.maxResends());
            MemberInvitation capped = invitation;
            Instant next = at.plus(POLICY.resendCooldown());
            assertRefused(() -> capped.resend(next, digest(99), POLICY), RuleViolationException.class,
                    ErrorCode.RESEND_LIMIT_REACHED);
        }
    }
}

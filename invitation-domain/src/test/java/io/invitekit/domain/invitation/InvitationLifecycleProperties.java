package io.invitekit.domain.invitation;

import static io.invitekit.domain.invitation.InvitationFixtures.OWNER;
import static io.invitekit.domain.invitation.InvitationFixtures.T0;
import static io.invitekit.domain.invitation.InvitationFixtures.TENANT;
import static io.invitekit.domain.invitation.InvitationFixtures.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of actions and time passing, checked against the transition table that
 * {@link InvitationStatus#after} holds: every observed change of status is one the table allows
 * for the action (or for time passing), every action the table forbids is refused, and nothing
 * leaves ACCEPTED or CANCELLED.
 */
class InvitationLifecycleProperties {
    private static final InvitationPolicy POLICY = InvitationPolicy.defaults();

    enum Kind { ACCEPT, CANCEL, RESEND, EXPIRE, WAIT }

    record Step(Kind kind, Duration pause) {
        @Override
        public String toString() {
            return kind == Kind.WAIT ? "WAIT " + pause : kind.name();
        }
    }

    @Property(tries = 2000)
    void neverReachesAStateTheTableForbids(@ForAll @IntRange(min = 1, max = 3) int ttlDays,
                                           @ForAll("histories") List<Step> steps) {
        TenantInvitation invitation = InvitationFixtures.pending(ttlDays);
        Instant now = T0;
        InvitationStatus terminal = null;
        long seed = 100;

        for (Step step : steps) {
            InvitationStatus before = invitation.status(now);
            if (step.kind() == Kind.WAIT) {
                now = now.plus(step.pause());
                InvitationStatus after = invitation.status(now);
                assertThat(after == before || PENDING_EXPIRES.equals(Tuple.of(before, after)))
                        .as("time passing took %s to %s", before, after).isTrue();
            } else {
                InvitationAction action = InvitationAction.valueOf(step.kind().name());
                TenantInvitation next = apply(invitation, action, now, digest(seed++));
                if (next != null) {
                    InvitationStatus after = next.status(now);
                    InvitationStatus from = action == InvitationAction.EXPIRE ? invitation.storedStatus() : before;
                    assertThat(from.after(action)).as("%s from %s", action, from).contains(after);
                    assertThat(next.version()).isEqualTo(invitation.version() + 1);
                    assertThat(next.resendCount()).isBetween(0, POLICY.maxResends());
                    invitation = next;
                }
            }
            InvitationStatus observed = invitation.status(now);
            if (terminal != null) {
                assertThat(observed).as("a terminal status changed").isEqualTo(terminal);
            } else if (observed.isTerminal()) {
                terminal = observed;
            }
            assertConsistent(invitation, now);
        }
        Statistics.label("final status").collect(invitation.status(now));
        Statistics.label("tried").coverage(checker -> {
            for (InvitationStatus status : InvitationStatus.values()) {
                for (InvitationAction action : InvitationAction.values()) {
                    checker.check(action + " from " + status).count(n -> n > 0);
                }
            }
        });
        Statistics.label("outcome").coverage(checker -> {
            checker.check("RESEND " + ErrorCode.RESEND_TOO_SOON).count(n -> n > 0);
            checker.check("RESEND " + ErrorCode.RESEND_LIMIT_REACHED).count(n -> n > 0);
            checker.check("ACCEPT " + ErrorCode.INVITATION_EXPIRED).count(n -> n > 0);
            checker.check("EXPIRE done").count(n -> n > 0);
        });
    }

    private static final Tuple.Tuple2<InvitationStatus, InvitationStatus> PENDING_EXPIRES =
            Tuple.of(InvitationStatus.PENDING, InvitationStatus.PENDING.after(InvitationAction.EXPIRE).orElseThrow());

    /** The next state, or null where the invitation refused; a refusal must be one the rules allow. */
    private static TenantInvitation apply(TenantInvitation invitation, InvitationAction action, Instant now,
                                          io.invitekit.domain.shared.TokenDigest newDigest) {
        InvitationStatus status = invitation.status(now);
        Optional<InvitationStatus> allowed = status.after(action);
        Statistics.label("tried").collect(action + " from " + status);
        try {
            TenantInvitation next = switch (action) {
                case ACCEPT -> invitation.accept(now, TENANT, OWNER);
                case CANCEL -> invitation.cancel(now);
                case EXPIRE -> invitation.expire(now);
                case RESEND -> invitation.resend(now, newDigest, POLICY);
            };
            Statistics.label("outcome").collect(action + " done");
            return next;
        } catch (InvalidTransitionException refused) {
            Statistics.label("outcome").collect(action + " " + refused.code().name());
            assertThat(refused.from()).isEqualTo(status);
            assertThat(refused.action()).isEqualTo(action);
            assertThat(refused.code()).isEqualTo(action != InvitationAction.ACCEPT ? ErrorCode.INVALID_TRANSITION
                    : switch (status) {
                        case EXPIRED -> ErrorCode.INVITATION_EXPIRED;
                        case CANCELLED -> ErrorCode.INVITATION_CANCELLED;
                        case ACCEPTED -> ErrorCode.INVITATION_ACCEPTED;
                        case PENDING -> ErrorCode.INVALID_TRANSITION;
                    });
            if (action == InvitationAction.EXPIRE) {
                // The sweeper writes EXPIRED only for a stored PENDING that is due.
                assertThat(invitation.storedStatus() != InvitationStatus.PENDING || status == InvitationStatus.PENDING)
                        .as("expire refused for a due PENDING invitation").isTrue();
            } else {
                assertThat(allowed).as("%s refused from %s although the table allows it", action, status).isEmpty();
            }
            return null;
        } catch (RuleViolationException limit) {
            Statistics.label("outcome").collect(action + " " + limit.code().name());
            assertThat(action).isEqualTo(InvitationAction.RESEND);
            assertThat(limit.code()).isEqualTo(ErrorCode.RESEND_LIMIT_REACHED);
            assertThat(invitation.resendCount()).isEqualTo(POLICY.maxResends());
            return null;
        } catch (RetryLaterException tooSoon) {
            Statistics.label("outcome").collect(action + " " + tooSoon.code().name());
            assertThat(action).isEqualTo(InvitationAction.RESEND);
            assertThat(tooSoon.code()).isEqualTo(ErrorCode.RESEND_TOO_SOON);
            assertThat(tooSoon.retryAfter())
                    .isEqualTo(Duration.between(now, invitation.lastSentAt().plus(POLICY.resendCooldown())))
                    .isPositive();
            return null;
        }
    }

    private static void assertConsistent(TenantInvitation invitation, Instant now) {
        switch (invitation.status(now)) {
            case ACCEPTED -> {
                assertThat(invitation.acceptedAt()).isNotNull();
                assertThat(invitation.createdTenant()).isEqualTo(TENANT);
                assertThat(invitation.cancelledAt()).isNull();
            }
            case CANCELLED -> {
                assertThat(invitation.cancelledAt()).isNotNull();
                assertThat(invitation.acceptedAt()).isNull();
            }
            case PENDING -> assertThat(now).isBefore(invitation.expiresAt());
            case EXPIRED -> assertThat(invitation.acceptedAt()).isNull();
        }
        assertThat(invitation.expiresAt()).isEqualTo(invitation.lastSentAt().plus(Duration.ofDays(invitation.ttlDays())));
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Duration> waits = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 120).map(Duration::ofSeconds)),
                Tuple.of(3, Arbitraries.longs().between(0, 36).map(Duration::ofHours)),
                Tuple.of(1, Arbitraries.longs().between(1, 4).map(Duration::ofDays)));
        Arbitrary<Step> actions = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Step(Kind.ACCEPT, Duration.ZERO))),
                Tuple.of(1, Arbitraries.just(new Step(Kind.CANCEL, Duration.ZERO))),
                Tuple.of(4, Arbitraries.just(new Step(Kind.RESEND, Duration.ZERO))),
                Tuple.of(2, Arbitraries.just(new Step(Kind.EXPIRE, Duration.ZERO))),
                Tuple.of(6, waits.map(w -> new Step(Kind.WAIT, w))));
        return actions.list().ofMaxSize(40);
    }
}

package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.JoinCodeUseCase;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.JoinCodeView;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Join codes: view or generate, rotate, disable, and joining with one. */
public final class JoinCodeService implements JoinCodeUseCase {
    private static final int GENERATION_ATTEMPTS = 8;

    private final ServiceContext context;
    private final Transactions transactions;
    private final JoinCodes codes;
    private final Tenants tenants;
    private final Memberships memberships;
    private final RateLimiter limiter;
    private final Accounts verifiedEmails; // null: no verified email needed
    private final Access access;
    private final RateLimit perAccount;
    private final RateLimit perAddress;
    private final Seats seats;

    public JoinCodeService(ServiceContext context, Transactions transactions, JoinCodes codes, Tenants tenants,
                           Memberships memberships, MemberInvitations memberInvitations, RateLimiter limiter) {
        this(context, transactions, codes, tenants, memberships, memberInvitations, limiter, null);
    }

    /**
     * @param verifiedEmails Invitekit's accounts when joining needs a verified email
     *        ({@code requireVerifiedEmail}), else null. An actor with no account there is a host
     *        application's user, whose email its host has verified.
     */
    public JoinCodeService(ServiceContext context, Transactions transactions, JoinCodes codes, Tenants tenants,
                           Memberships memberships, MemberInvitations memberInvitations, RateLimiter limiter,
                           Accounts verifiedEmails) {
        this.verifiedEmails = verifiedEmails;
        this.seats = new Seats(transactions, memberInvitations);
        this.context = context;
        this.transactions = transactions;
        this.codes = codes;
        this.tenants = tenants;
        this.memberships = memberships;
        this.limiter = limiter;
        this.access = new Access(memberships);
        InvitekitSettings s = context.settings();
        this.perAccount = new RateLimit("join_failures_account", s.joinFailuresPerAccount(), s.joinFailuresAccountPeriod());
        this.perAddress = new RateLimit("join_failures_address", s.joinFailuresPerAddress(), s.joinFailuresAddressPeriod());
    }

    @Override
    public JoinCodeView view(Actor actor, TenantId id) {
        access.requireMember(actor, id);
        tenants.byId(id).orElseThrow(() -> Access.notFound("tenant")).requireActive();
        Optional<JoinCode> active = codes.activeFor(id);
        if (active.isPresent()) {
            return ViewMapper.joinCode(active.get());
        }
        if (!codes.joiningOn(id)) {
            return JoinCodeView.off();
        }
        // Turned off a moment ago by someone else: the store refuses the new code, and so do we.
        return transactions.inTransaction(() -> issue(actor.id(), id, null, null, false))
                .map(ViewMapper::joinCode)
                .orElseGet(JoinCodeView::off);
    }

    @Override
    public JoinCodeView rotate(Actor actor, TenantId id, CodeRotation.Builder request) {
        requireManager(actor, id);
        CodeRotation c = request.build();
        Integer hours = c.validForHours();
        Integer maxUses = c.maxUses();
        return ViewMapper.joinCode(transactions.inTransaction(() -> issue(actor.id(), id, hours, maxUses, true)
                .orElseThrow(() -> new IllegalStateException("joining by code was turned on, yet a code was refused"))));
    }

    @Override
    public void disable(Actor actor, TenantId id) {
        requireManager(actor, id);
        transactions.run(() -> {
            tenants.byId(id).orElseThrow(() -> Access.notFound("tenant")).requireActive();
            Optional<JoinCode> current = codes.activeFor(id);
            if (codes.turnOff(id)) {
                context.audit(context.now(), actor.id(), EventType.JOIN_CODE_DISABLED, id, current.map(JoinCode::id).orElse(null),
                        Map.of());
            }
        });
    }

    /**
     * A new active code. With {@code replace} (a rotation) joining by code is turned on and the
     * current code dies first; without it, a viewer's first view, the answer is empty when
     * joining by code is off, and when another viewer created a code a moment before us, theirs
     * is the answer.
     */
    private Optional<JoinCode> issue(UserId actor, TenantId tenantId, Integer validForHours, Integer maxUses,
                                     boolean replace) {
        Tenant tenant = tenants.byId(tenantId).orElseThrow(() -> Access.notFound("tenant"));
        tenant.requireActive();
        Instant now = context.now();
        boolean turnedOn = false;
        if (replace) {
            turnedOn = codes.turnOn(tenantId);
            codes.activeFor(tenantId).ifPresent(old -> codes.deactivate(old.id()));
        }
        Instant expiresAt = validForHours == null ? null : now.plus(Duration.ofHours(validForHours));
        for (int attempt = 0; attempt < GENERATION_ATTEMPTS; attempt++) {
            JoinCode code = JoinCode.issue(new JoinCodeId(context.ids().next()), tenantId,
                    InviteCode.generate(context.settings().inviteCodeLength(), context.random()), now, expiresAt, maxUses);
            switch (codes.add(code)) {
                case ADDED -> {
                    if (turnedOn) {
                        context.audit(now, actor, EventType.JOIN_CODE_ENABLED, tenantId, code.id(), Map.of());
                    }
                    context.audit(now, actor, replace ? EventType.JOIN_CODE_ROTATED : EventType.JOIN_CODE_GENERATED,
                            tenantId, code.id(), turnedOn ? Map.of("turned_on", "true") : Map.of());
                    return Optional.of(code);
                }
                case TENANT_HAS_ACTIVE_CODE -> {
                    Optional<JoinCode> theirs = codes.activeFor(tenantId);
                    if (theirs.isPresent()) {
                        return theirs;
                    }
                }
                case JOINING_OFF -> {
                    if (!replace) {
                        return Optional.empty();
                    }
                    // Turned off between our turning it on and adding (a store without locks): on again.
                    turnedOn |= codes.turnOn(tenantId);
                }
                case CODE_VALUE_TAKEN -> {
                    // astronomically rare at 32^8; draw again
                }
            }
        }
        throw new IllegalStateException("could not store a fresh join code after " + GENERATION_ATTEMPTS + " attempts");
    }

    /**
     * Counts each answered join by its outcome: after the join committed, or when it was refused
     * (a refusal commits nothing). A refusal before the code is even read (no actor, a malformed
     * code) is counted by its error code too.
     */
    @Override
    public JoinResult join(Actor user, JoinWithCode c) {
        JoinResult result;
        try {
            result = answer(user, c);
        } catch (DomainException refused) {
            DeliveryService.countSafely(() -> context.metrics().join(refused.code().name().toLowerCase(Locale.ROOT)));
            throw refused;
        }
        DeliveryService.countSafely(() -> context.metrics().join(result.alreadyMember() ? "already_member" : "joined"));
        return result;
    }

    private JoinResult answer(Actor user, JoinWithCode c) {
        Access.requireActor(user);
        if (verifiedEmails != null
                && verifiedEmails.byId(user.id()).filter(account -> !account.isEmailVerified()).isPresent()) {
            throw AccountService.emailNotVerified();
        }
        FieldErrors in = new FieldErrors();
        InviteCode code = in.required("code", c.code(), raw -> InviteCode.parse(raw, context.settings().inviteCodeLength()));
        in.throwIfAny();

        List<Runnable> refunds = acquireAttemptPermits(user.id(), c.clientAddress());
        boolean countsAsFailure = false;
        try {
            try {
                return joinOnce(user, code);
            } catch (SeatsTaken full) {
                // Expired member invitations the sweeper has not come by yet hold seats nobody will take.
                if (!seats.freeExpired(full.tenant, context.now())) {
                    throw MemberService.tenantFull();
                }
                return joinOnce(user, code);
            }
        } catch (SeatsTaken stillFull) {
            throw MemberService.tenantFull();
        } catch (DomainException refused) {
            countsAsFailure = refused.code() == ErrorCode.INVALID_CODE;
            throw refused;
        } finally {
            if (!countsAsFailure) {
                refunds.forEach(Runnable::run); // only wrong guesses use up the allowance
            }
        }
    }

    /** One join; when the same user joined in a concurrent request meanwhile, the answer is already_member. */
    private JoinResult joinOnce(Actor user, InviteCode code) {
        // A member joining again only reads: one read of the store, outside any transaction.
        Optional<JoinResult> member = alreadyMember(target(user, code, context.now()));
        if (member.isPresent()) {
            return member.get();
        }
        try {
            return transactions.inTransaction(() -> joinWith(user, code));
        } catch (JoinedMeanwhile alreadyJoined) {
            return transactions.inTransaction(() -> joinWith(user, code));
        }
    }

    /**
     * The code (active, usable at {@code now}), its tenant (active) and the user's membership, in
     * one read where the store can; {@code invalid_code} or {@code tenant_inactive} otherwise.
     */
    private JoinCodes.JoinTarget target(Actor user, InviteCode typed, Instant now) {
        JoinCodes.JoinTarget target = codes.joinTarget(typed, user.id(), tenants, memberships)
                .filter(found -> found.code().usableAt(now)).orElseThrow(JoinCodeService::invalidCode);
        target.tenant().requireActive();
        return target;
    }

    private static Optional<JoinResult> alreadyMember(JoinCodes.JoinTarget target) {
        Tenant tenant = target.tenant();
        return target.existing().map(existing -> new JoinResult(tenant.id(), tenant.name().value(), existing.role(), true));
    }

    private JoinResult joinWith(Actor user, InviteCode typed) {
        Instant now = context.now();
        JoinCodes.JoinTarget target = target(user, typed, now);
        Optional<JoinResult> member = alreadyMember(target);
        if (member.isPresent()) {
            return member.get();
        }
        JoinCode code = target.code();
        Tenant tenant = target.tenant();
        // The code's cap first, then the tenant's: a refusal of either undoes the other.
        if (!codes.claimUse(code.id(), now)) {
            throw invalidCode();
        }
        switch (memberships.add(new Membership(tenant.id(), user.id(), Role.MEMBER, now), tenant.limits().users())) {
            case ADDED -> {
                context.audit(now, user.id(), EventType.MEMBERSHIP_JOINED, tenant.id(), user.id(), Map.of("via", "join_code"));
                return new JoinResult(tenant.id(), tenant.name().value(), Role.MEMBER, false);
            }
            case TENANT_FULL -> throw new SeatsTaken(tenant.id()); // undoes the use
            case ALREADY_MEMBER -> throw new JoinedMeanwhile(); // the same user, twice at once: undo the use
        }
        throw new IllegalStateException("unreachable");
    }

    /** Rolls back a join refused for the tenant's user limit. */
    private static final class SeatsTaken extends RuntimeException {
        private final TenantId tenant;

        SeatsTaken(TenantId tenant) {
            super(null, null, false, false);
            this.tenant = tenant;
        }
    }

    /** Rolls back a join whose user became a member in a concurrent request. */
    private static final class JoinedMeanwhile extends RuntimeException {
        JoinedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /**
     * Takes a permit from the account's and the address's failure allowance before looking at the
     * code, so that concurrent guesses cannot overshoot it; the caller gives them back unless the
     * guess was wrong. Past either limit every join is refused, even with a correct code.
     */
    private List<Runnable> acquireAttemptPermits(UserId user, String clientAddress) {
        List<Runnable> refunds = new ArrayList<>(2);
        Optional<Duration> wait = limiter.tryAcquire(perAccount, user.toString());
        if (wait.isEmpty()) {
            refunds.add(() -> limiter.release(perAccount, user.toString()));
            if (clientAddress != null && !clientAddress.isBlank()) {
                wait = limiter.tryAcquire(perAddress, clientAddress);
                if (wait.isEmpty()) {
                    refunds.add(() -> limiter.release(perAddress, clientAddress));
                }
            }
        }
        if (wait.isPresent()) {
            refunds.forEach(Runnable::run);
            throw new RetryLaterException(ErrorCode.RATE_LIMITED, "too many wrong join codes; try again later", wait.get());
        }
        return refunds;
    }

    private void requireManager(Actor actor, TenantId tenant) {
        Membership membership = access.requireMember(actor, tenant);
        if (!membership.role().managesJoinCode()) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only owners and admins manage the join code");
        }
    }

    private static RuleViolationException invalidCode() {
        return new RuleViolationException(ErrorCode.INVALID_CODE, "this code is not valid");
    }
}

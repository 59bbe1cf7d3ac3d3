package io.invitekit.application.service;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.InvitationQuery;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.MemberInvitationPreview;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.application.port.in.MemberUseCase;
import io.invitekit.application.port.in.MemberView;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.membership.TenantPermission;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Members, roles and member invitations. Every permission comes from {@link Role}'s table; the
 * stores make the seat limit and the last-owner guard atomic, and this service turns their
 * refusals into answers ({@code tenant_full}, {@code last_owner}).
 */
public final class MemberService implements MemberUseCase {
    private static final int CONCURRENT_CHANGE_RETRIES = 3;

    private final ServiceContext context;
    private final Transactions transactions;
    private final Tenants tenants;
    private final Memberships memberships;
    private final MemberInvitations invitations;
    private final Outbox outbox;
    private final UserDirectory directory;
    private final RequestLimits limits;
    private final Access access;
    private final Seats seats;

    public MemberService(ServiceContext context, Transactions transactions, Tenants tenants, Memberships memberships,
                         MemberInvitations invitations, Outbox outbox, UserDirectory directory, RequestLimits limits) {
        this.context = context;
        this.transactions = transactions;
        this.tenants = tenants;
        this.memberships = memberships;
        this.invitations = invitations;
        this.outbox = outbox;
        this.directory = directory;
        this.limits = limits;
        this.access = new Access(memberships);
        this.seats = new Seats(transactions, invitations);
    }

    // ---------------------------------------------------------------- invitations

    @Override
    public MemberInvitationView invite(Actor actor, TenantId tenantId, NewMemberInvitation.Builder request) {
        Objects.requireNonNull(request, "request");
        Membership me = requirePermission(actor, tenantId, TenantPermission.INVITE_MEMBERS);
        InvitekitSettings settings = context.settings();
        FieldErrors errors = new FieldErrors();
        NewMemberInvitation c = request.build(errors);
        Integer ttlDays = errors.value("expiresInDays",
                () -> settings.invitationPolicy().ttlDays(c == null ? null : c.expiresInDays()));
        if (c != null && c.role() == Role.OWNER) {
            errors.add("role", "nobody is invited as OWNER: ownership moves only by transfer");
        }
        errors.throwIfAny();
        if (!me.role().mayGrant(c.role())) {
            throw forbidden("a " + me.role() + " may not invite a " + c.role());
        }
        Tenant tenant = activeTenant(tenantId);
        limits.memberInvitation(actor.id().toString(), c.email().value());

        Instant now = context.now();
        Optional<UserProfile> inviter = directory.profile(actor.id());
        String inviterName = inviter.map(UserProfile::displayName).orElse(null);
        LocaleTag language = mailLocale(c.email(), inviter);
        SecretToken token = SecretToken.generate(context.random());
        MemberInvitation invitation = MemberInvitation.create(new MemberInvitationId(context.ids().next()), tenantId,
                c.email(), c.role(), actor.id(), inviterName, token.digest(), ttlDays, now);
        Runnable add = () -> transactions.run(() -> {
            invitations.storedPendingFor(tenantId, c.email()).ifPresent(existing -> retireIfExpired(existing, now));
            switch (invitations.add(invitation, tenant.limits().users())) {
                case ADDED -> { }
                case PENDING_EXISTS -> throw pendingExists(c.email().value());
                case TENANT_FULL -> throw tenantFull();
            }
            outbox.enqueue(invitationMail(invitation, tenant, token, language, now));
            context.audit(now, actor.id(), EventType.MEMBER_INVITATION_CREATED, tenantId, invitation.id(),
                    Map.of("email", c.email().value(), "role", c.role().name()));
        });
        try {
            add.run();
        } catch (DomainException full) {
            // Expired invitations the sweeper has not come by yet hold seats nobody will take: free them, once.
            if (full.code() != ErrorCode.TENANT_FULL || !seats.freeExpired(tenantId, now)) {
                throw full;
            }
            add.run();
        }
        return viewOf(invitation, now);
    }

    /** A PENDING invitation past its expiry no longer blocks a new one for the same email. */
    private void retireIfExpired(MemberInvitation existing, Instant now) {
        if (existing.status(now) != InvitationStatus.EXPIRED) {
            throw pendingExists(existing.email().value());
        }
        invitations.update(existing.expire(now)); // lost to the sweeper or another invite: expired all the same
    }

    @Override
    public Page<MemberInvitationView> invitations(Actor actor, TenantId tenantId, InvitationQuery.Builder request) {
        requirePermission(actor, tenantId, TenantPermission.INVITE_MEMBERS);
        FieldErrors errors = new FieldErrors();
        InvitationQuery q = (request == null ? InvitationQuery.all() : request).build(errors);
        Pages.Slice slice = Pages.parse(q.page(), errors);
        errors.throwIfAny();
        Instant now = context.now();
        List<MemberInvitation> fetched = invitations.list(tenantId,
                new MemberInvitations.Filter(q.status(), q.email(), now), slice.after(), slice.fetchSize());
        return Pages.page(fetched, slice, inv -> inv.id().value(), shown -> viewsOf(shown, now));
    }

    @Override
    public MemberInvitationView resend(Actor actor, TenantId tenantId, MemberInvitationId id) {
        Membership me = requirePermission(actor, tenantId, TenantPermission.INVITE_MEMBERS);
        MemberInvitation seen = load(tenantId, id);
        requireMayGrant(me, seen.role());
        Tenant tenant = activeTenant(tenantId);
        Instant now = context.now();
        SecretToken token = SecretToken.generate(context.random());
        LocaleTag language = mailLocale(seen.email(), directory.profile(actor.id()));
        MemberInvitation resent;
        try {
            resent = resendInTransaction(actor, tenant, id, token, language, now);
        } catch (DomainException full) {
            if (full.code() != ErrorCode.TENANT_FULL || !seats.freeExpired(tenantId, now)) {
                throw full;
            }
            resent = resendInTransaction(actor, tenant, id, token, language, now);
        }
        return viewOf(resent, now);
    }

    private MemberInvitation resendInTransaction(Actor actor, Tenant tenant, MemberInvitationId id, SecretToken token,
                                                 LocaleTag language, Instant now) {
        TenantId tenantId = tenant.id();
        return transactions.inTransaction(() -> {
            MemberInvitation next = resendOnce(tenantId, id, token, now);
            // The old token is dead from this commit on: its unsent emails go with it.
            int withdrawn = outbox.withdraw(id.toString());
            outbox.enqueue(invitationMail(next, tenant, token, language, now));
            context.audit(now, actor.id(), EventType.MEMBER_INVITATION_RESENT, tenantId, id,
                    Map.of("withdrawn_emails", Integer.toString(withdrawn)));
            return next;
        });
    }

    /**
     * The resend's write. Reviving an invitation that was already written EXPIRED needs its seat
     * back and its email free of another PENDING invitation: a store refuses the update then
     * without anyone having changed it, which is answered here.
     */
    private MemberInvitation resendOnce(TenantId tenantId, MemberInvitationId id, SecretToken token, Instant now) {
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            MemberInvitation current = load(tenantId, id);
            MemberInvitation next = current.resend(now, token.digest(), context.settings().invitationPolicy());
            if (invitations.update(next)) {
                return next;
            }
            if (load(tenantId, id).version() != current.version()) {
                continue; // changed by someone else: try again on what is there now
            }
            if (invitations.storedPendingFor(tenantId, current.email()).filter(o -> !o.id().equals(id)).isPresent()) {
                throw pendingExists(current.email().value());
            }
            throw tenantFull();
        }
        throw new RuleViolationException(ErrorCode.INVALID_TRANSITION, "the invitation is being changed by someone else");
    }

    @Override
    public MemberInvitationView revoke(Actor actor, TenantId tenantId, MemberInvitationId id) {
        Membership me = requirePermission(actor, tenantId, TenantPermission.INVITE_MEMBERS);
        requireMayGrant(me, load(tenantId, id).role());
        Instant now = context.now();
        MemberInvitation cancelled = transactions.inTransaction(() -> {
            MemberInvitation next = change(tenantId, id, inv -> inv.cancel(now));
            int withdrawn = outbox.withdraw(id.toString()); // an email not sent yet would only carry a dead link
            context.audit(now, actor.id(), EventType.MEMBER_INVITATION_REVOKED, tenantId, id,
                    Map.of("withdrawn_emails", Integer.toString(withdrawn)));
            return next;
        });
        return viewOf(cancelled, now);
    }

    @Override
    public MemberInvitationPreview preview(String token, String clientAddress) {
        // The invitation and its tenant's name in one read where the store can: a link's page asks on every visit.
        MemberInvitations.WithTenantName found = open(token, clientAddress,
                digest -> invitations.byTokenDigestWithTenantName(digest, tenants), MemberInvitations.WithTenantName::invitation);
        MemberInvitation invitation = found.invitation();
        return new MemberInvitationPreview(found.tenantName(), invitation.inviterName(), invitation.role(),
                invitation.email().value(), invitation.expiresAt(), invitation.status(context.now()));
    }

    @Override
    public JoinResult accept(VerifiedUser user, String token, String clientAddress) {
        Objects.requireNonNull(user, "user");
        MemberInvitation invitation = open(token, clientAddress);
        requireAddressed(invitation, user.verifiedEmail());
        Instant now = context.now();
        return transactions.inTransaction(() -> acceptInTransaction(invitation, user.id(), null, now));
    }

    /**
     * The invitation behind a link, if it can still be accepted. Counts against the per-address
     * limit on links first, so that guessing tokens costs the guesser.
     */
    MemberInvitation open(String token, String clientAddress) {
        return open(token, clientAddress, invitations::byTokenDigest, Function.identity());
    }

    /** {@link #open(String, String)}, reading the invitation (and whatever comes with it) through {@code read}. */
    private <T> T open(String token, String clientAddress, Function<TokenDigest, Optional<T>> read,
                       Function<T, MemberInvitation> invitation) {
        limits.invitationLink(clientAddress);
        SecretToken presented = SecretToken.parse(token);
        T found = read.apply(presented.digest()).orElseThrow(() -> Access.notFound("invitation"));
        invitation.apply(found).requireOpen(context.now());
        return found;
    }

    /** {@code email_mismatch} unless the invitation was sent to {@code email}. */
    static void requireAddressed(MemberInvitation invitation, io.invitekit.domain.shared.EmailAddress email) {
        if (!invitation.email().equals(email)) {
            throw new RuleViolationException(ErrorCode.EMAIL_MISMATCH,
                    "this invitation was sent to another email address than the signed-in user's");
        }
    }

    /**
     * Everything an accept stores, inside the caller's transaction: the invitation ACCEPTED (its
     * seat given back), then the membership in that seat, or, for a member already, the higher of
     * the two roles. {@code addAccount} (null for an existing user) runs once the invitation is
     * claimed, so that an accept that lost the race writes nothing. Shared by the host's accept
     * and Invitekit's own accounts ({@link AccountService#acceptMemberInvitation}).
     */
    JoinResult acceptInTransaction(MemberInvitation invitation, UserId user, Runnable addAccount, Instant now) {
        Tenant tenant = tenants.byId(invitation.tenantId()).orElseThrow(() -> Access.notFound("invitation"));
        tenant.requireActive();
        MemberInvitation accepted = invitation.accept(now, user);
        if (!invitations.update(accepted)) {
            throw lostRace(invitation, now);
        }
        if (addAccount != null) {
            addAccount.run();
        }
        TenantId tenantId = tenant.id();
        Role invited = invitation.role();
        JoinResult result = switch (memberships.add(new Membership(tenantId, user, invited, now), tenant.limits().users())) {
            case ADDED -> {
                context.audit(now, user, EventType.MEMBERSHIP_JOINED, tenantId, user, Map.of("via", "member_invitation",
                        "role", invited.name()));
                yield new JoinResult(tenantId, tenant.name().value(), invited, false);
            }
            case ALREADY_MEMBER -> new JoinResult(tenantId, tenant.name().value(), keepHigher(tenantId, user, invited, now),
                    true);
            case TENANT_FULL -> throw tenantFull();
        };
        // An email not sent yet (a resend still queued) would only carry a link that now answers "accepted".
        int withdrawn = outbox.withdraw(invitation.id().toString());
        context.audit(now, user, EventType.MEMBER_INVITATION_ACCEPTED, tenantId, invitation.id(),
                Map.of("role", result.role().name(), "already_member", Boolean.toString(result.alreadyMember()),
                        "new_account", Boolean.toString(addAccount != null),
                        "withdrawn_emails", Integer.toString(withdrawn)));
        return result;
    }

    /** A member accepting an invitation keeps the higher of their role and the invited one (an OWNER stays one). */
    private Role keepHigher(TenantId tenant, UserId user, Role invited, Instant now) {
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            Membership current = memberships.find(tenant, user).orElseThrow(() -> Access.notFound("member"));
            Role higher = current.role().higher(invited);
            if (higher == current.role()) {
                return higher;
            }
            if (memberships.changeRole(tenant, user, current.role(), higher) == Memberships.Change.DONE) {
                context.audit(now, user, EventType.MEMBERSHIP_ROLE_CHANGED, tenant, user,
                        Map.of("from", current.role().name(), "to", higher.name(), "via", "member_invitation"));
                return higher;
            }
        }
        throw concurrentChange();
    }

    /** Someone else changed the invitation between our read and our write: say what it is now. */
    private RuntimeException lostRace(MemberInvitation seen, Instant now) {
        Optional<MemberInvitation> current = invitations.byId(seen.id());
        if (current.isPresent() && !current.get().tokenDigest().equals(seen.tokenDigest())) {
            return Access.notFound("invitation"); // resent meanwhile: this token is no longer known
        }
        if (current.isPresent()) {
            current.get().requireOpen(now);
        }
        return new RuleViolationException(ErrorCode.INVITATION_ACCEPTED, "this invitation was just accepted");
    }

    // ---------------------------------------------------------------- members

    @Override
    public Page<MemberView> members(Actor actor, TenantId tenantId, PageRequest request) {
        requirePermission(actor, tenantId, TenantPermission.VIEW_MEMBERS);
        return memberPage(tenantId, request);
    }

    @Override
    public Page<MemberView> platformMembers(Actor actor, TenantId tenantId, PageRequest request) {
        Access.requirePlatformAdmin(actor);
        if (tenantId == null || tenants.byId(tenantId).isEmpty()) {
            throw Access.notFound("tenant");
        }
        return memberPage(tenantId, request);
    }

    private Page<MemberView> memberPage(TenantId tenantId, PageRequest request) {
        PageRequest page = request == null ? PageRequest.first() : request;
        FieldErrors in = new FieldErrors();
        int limit = Pages.limit(page, MAX_MEMBERS_PAGE, in);
        Memberships.MemberPosition after = null;
        if (page.cursor() != null && !page.cursor().isEmpty()) {
            Map.Entry<Instant, UUID> position = Pages.decodeTimed(page.cursor());
            if (position == null) {
                Pages.badCursor(in);
            } else {
                after = new Memberships.MemberPosition(position.getKey(), new UserId(position.getValue()));
            }
        }
        in.throwIfAny();
        List<Membership> fetched = memberships.ofTenant(tenantId, after, limit + 1);
        boolean more = fetched.size() > limit;
        List<Membership> shown = more ? fetched.subList(0, limit) : fetched;
        List<MemberView> views = ViewMapper.members(shown, directory).stream()
                .map(m -> new MemberView(m.user(), m.role(), m.joinedAt()))
                .toList();
        return new Page<>(views, more ? cursorAfter(shown.get(shown.size() - 1)) : null);
    }

    /** The cursor of the member list that goes on after {@code last} (also what a tenant's view gives out). */
    static String cursorAfter(Membership last) {
        return Pages.encode(last.joinedAt(), last.userId().value());
    }

    /**
     * The first {@value TenantView#EMBEDDED_MEMBERS} members of a tenant for its view, and the
     * cursor of the rest (null when there is none).
     */
    static Map.Entry<List<TenantView.Member>, Optional<String>> embedded(Memberships memberships, UserDirectory directory,
                                                                          TenantId tenant) {
        List<Membership> fetched = memberships.ofTenant(tenant, null, TenantView.EMBEDDED_MEMBERS + 1);
        boolean more = fetched.size() > TenantView.EMBEDDED_MEMBERS;
        List<Membership> shown = more ? fetched.subList(0, TenantView.EMBEDDED_MEMBERS) : fetched;
        return Map.entry(ViewMapper.members(shown, directory),
                more ? Optional.of(cursorAfter(shown.get(shown.size() - 1))) : Optional.empty());
    }

    @Override
    public MemberView changeRole(Actor actor, TenantId tenantId, UserId member, Role role) {
        Membership me = requirePermission(actor, tenantId, TenantPermission.CHANGE_ROLES);
        FieldErrors in = new FieldErrors();
        if (role == null) {
            in.add("role", "is required");
        } else if (role == Role.OWNER) {
            in.add("role", "nobody is made OWNER but by a transfer of ownership");
        }
        in.throwIfAny();
        Instant now = context.now();
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            Membership target = findMember(tenantId, member);
            if (!me.role().mayManage(target.role()) || !me.role().mayGrant(role)) {
                throw forbidden("a " + me.role() + " may not change a " + target.role() + " into a " + role);
            }
            if (target.role() == role) {
                return memberView(target);
            }
            Memberships.Change change = transactions.inTransaction(() -> {
                Memberships.Change done = memberships.changeRole(tenantId, member, target.role(), role);
                if (done == Memberships.Change.DONE) {
                    context.audit(now, actor.id(), EventType.MEMBERSHIP_ROLE_CHANGED, tenantId, member,
                            Map.of("from", target.role().name(), "to", role.name()));
                    if (!member.equals(actor.id())) {
                        revokeInvitationsBeyond(tenantId, member, role, actor.id(), now);
                    }
                }
                return done;
            });
            switch (change) {
                case DONE -> {
                    return memberView(new Membership(tenantId, member, role, target.joinedAt()));
                }
                case LAST_OWNER -> throw lastOwner();
                case NOT_FOUND -> me = access.requireMember(actor, tenantId); // changed meanwhile: read again
            }
        }
        throw Access.notFound("member");
    }

    @Override
    public void remove(Actor actor, TenantId tenantId, UserId member) {
        if (actor != null && actor.id().equals(member)) {
            leave(actor, tenantId);
            return;
        }
        Membership me = requirePermission(actor, tenantId, TenantPermission.REMOVE_MEMBERS);
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            Membership target = findMember(tenantId, member);
            if (!me.role().mayManage(target.role())) {
                throw forbidden("a " + me.role() + " may not remove a " + target.role());
            }
            if (removeMember(target, actor.id(), EventType.MEMBERSHIP_REMOVED)) {
                return;
            }
            me = access.requireMember(actor, tenantId); // changed meanwhile: read again
        }
        throw Access.notFound("member");
    }

    @Override
    public void leave(Actor actor, TenantId tenantId) {
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            Membership me = access.requireMember(actor, tenantId);
            if (removeMember(me, actor.id(), EventType.MEMBERSHIP_LEFT)) {
                return;
            }
        }
        throw Access.notFound("tenant");
    }

    /**
     * Removes the member if their role is still the one read.
     *
     * @return false when it changed meanwhile (nothing written)
     */
    private boolean removeMember(Membership target, UserId actor, EventType action) {
        Instant now = context.now();
        Memberships.Change change = transactions.inTransaction(() -> {
            Memberships.Change done = memberships.remove(target.tenantId(), target.userId(), target.role());
            if (done == Memberships.Change.DONE) {
                context.audit(now, actor, action, target.tenantId(), target.userId(),
                        Map.of("role", target.role().name()));
                if (!target.userId().equals(actor)) {
                    revokeInvitationsBeyond(target.tenantId(), target.userId(), null, actor, now);
                }
            }
            return done;
        });
        return switch (change) {
            case DONE -> true;
            case LAST_OWNER -> throw lastOwner();
            case NOT_FOUND -> false;
        };
    }

    @Override
    public MemberView transferOwnership(Actor actor, TenantId tenantId, UserId newOwner) {
        requirePermission(actor, tenantId, TenantPermission.TRANSFER_OWNERSHIP);
        if (newOwner == null || newOwner.equals(actor.id())) {
            FieldErrors in = new FieldErrors();
            in.add("userId", newOwner == null ? "is required" : "is the current owner: choose another member");
            in.throwIfAny();
        }
        Instant now = context.now();
        Membership target = findMember(tenantId, newOwner);
        transactions.run(() -> {
            if (target.role() != Role.OWNER) {
                switch (memberships.changeRole(tenantId, newOwner, target.role(), Role.OWNER)) {
                    case DONE -> { }
                    case NOT_FOUND -> throw Access.notFound("member"); // left or changed meanwhile
                    case LAST_OWNER -> throw new IllegalStateException("promoting to OWNER cannot remove the last one");
                }
            }
            switch (memberships.changeRole(tenantId, actor.id(), Role.OWNER, Role.ADMIN)) {
                case DONE -> { }
                // No longer an OWNER (demoted or removed meanwhile): the promotion above rolls back.
                case NOT_FOUND -> throw forbidden("only an OWNER may transfer the ownership");
                case LAST_OWNER -> throw lastOwner();
            }
            context.audit(now, actor.id(), EventType.TENANT_OWNERSHIP_TRANSFERRED, tenantId, newOwner,
                    Map.of("from", actor.id().toString(), "to", newOwner.toString(),
                            "new_owner_was", target.role().name()));
            context.audit(now, actor.id(), EventType.MEMBERSHIP_ROLE_CHANGED, tenantId, actor.id(),
                    Map.of("from", Role.OWNER.name(), "to", Role.ADMIN.name(), "via", "ownership_transfer"));
        });
        return memberView(new Membership(tenantId, newOwner, Role.OWNER, target.joinedAt()));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Revokes the PENDING invitations {@code inviter} sent that their new role ({@code null}: no
     * longer a member) could not send: someone removed or demoted by another must not come back
     * through an invitation they sent to another address of theirs beforehand. Their other
     * invitations stand. Runs in the caller's transaction.
     */
    private void revokeInvitationsBeyond(TenantId tenant, UserId inviter, Role newRole, UserId actor, Instant now) {
        if (newRole != null && newRole.can(TenantPermission.INVITE_MEMBERS) && newRole.mayGrant(Role.ADMIN)) {
            return; // still grants every role an invitation carries
        }
        java.util.UUID after = null;
        while (true) {
            List<MemberInvitation> page = invitations.list(tenant,
                    new MemberInvitations.Filter(InvitationStatus.PENDING, null, now), after, 100);
            for (MemberInvitation invitation : page) {
                if (invitation.invitedBy().equals(inviter)
                        && (newRole == null || !newRole.mayGrant(invitation.role()))
                        && invitations.update(invitation.cancel(now))) {
                    int withdrawn = outbox.withdraw(invitation.id().toString());
                    context.audit(now, actor, EventType.MEMBER_INVITATION_REVOKED, tenant, invitation.id(),
                            Map.of("reason", newRole == null ? "inviter_removed" : "inviter_demoted",
                                    "withdrawn_emails", Integer.toString(withdrawn)));
                }
            }
            if (page.size() < 100) {
                return;
            }
            after = page.get(page.size() - 1).id().value();
        }
    }

    /** The actor's membership, if its role holds {@code permission}; outsiders are told the tenant does not exist. */
    private Membership requirePermission(Actor actor, TenantId tenant, TenantPermission permission) {
        Membership me = access.requireMember(actor, tenant);
        if (!me.role().can(permission)) {
            throw forbidden("a " + me.role() + " may not do this (" + permission.name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
        return me;
    }

    private static void requireMayGrant(Membership me, Role role) {
        if (!me.role().mayGrant(role)) {
            throw forbidden("a " + me.role() + " manages no invitation of a " + role);
        }
    }

    private Membership findMember(TenantId tenant, UserId member) {
        if (member == null) {
            throw Access.notFound("member");
        }
        return memberships.find(tenant, member).orElseThrow(() -> Access.notFound("member"));
    }

    private Tenant activeTenant(TenantId id) {
        Tenant tenant = tenants.byId(id).orElseThrow(() -> Access.notFound("tenant"));
        tenant.requireActive();
        return tenant;
    }

    private MemberInvitation load(TenantId tenant, MemberInvitationId id) {
        return (id == null ? Optional.<MemberInvitation>empty() : invitations.byId(id))
                .filter(inv -> inv.tenantId().equals(tenant))
                .orElseThrow(() -> Access.notFound("invitation"));
    }

    /**
     * Applies a transition with a conditional update; when another process changed the
     * invitation first, reads it again and applies the transition to what is there now (which
     * usually refuses it).
     */
    private MemberInvitation change(TenantId tenant, MemberInvitationId id, UnaryOperator<MemberInvitation> transition) {
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            MemberInvitation next = transition.apply(load(tenant, id));
            if (invitations.update(next)) {
                return next;
            }
        }
        throw new RuleViolationException(ErrorCode.INVALID_TRANSITION, "the invitation is being changed by someone else");
    }

    private MemberView memberView(Membership membership) {
        TenantView.Member member = ViewMapper.members(List.of(membership), directory).get(0);
        return new MemberView(member.user(), member.role(), member.joinedAt());
    }

    private MemberInvitationView viewOf(MemberInvitation invitation, Instant now) {
        return viewsOf(List.of(invitation), now).get(0);
    }

    private List<MemberInvitationView> viewsOf(List<MemberInvitation> shown, Instant now) {
        Map<UserId, UserProfile> inviters = directory.profiles(
                shown.stream().map(MemberInvitation::invitedBy).distinct().toList());
        Map<String, Delivery> deliveries = outbox.latestDeliveries(shown.stream().map(inv -> inv.id().toString()).toList());
        return shown.stream()
                .map(inv -> ViewMapper.memberInvitation(inv, inviters.get(inv.invitedBy()),
                        deliveries.get(inv.id().toString()), now))
                .toList();
    }

    /**
     * The language of a member invitation's email: the invitee's, when the directory knows their
     * address and their choice; else the inviting member's (who likely shares it with the people
     * they invite); else the deployment's default (null). Read before the transaction: the
     * directory is read outside them.
     */
    private LocaleTag mailLocale(EmailAddress invitee, Optional<UserProfile> inviter) {
        return directory.byEmail(invitee).map(UserProfile::locale)
                .or(() -> inviter.map(UserProfile::locale))
                .filter(context.settings()::offers)
                .orElse(null);
    }

    private OutboxMessage invitationMail(MemberInvitation inv, Tenant tenant, SecretToken token, LocaleTag language,
                                         Instant now) {
        InvitekitSettings settings = context.settings();
        MemberInvitationMail.Queued mail = new MemberInvitationMail.Queued(inv.email(), settings.platformName(),
                inv.inviterName() != null ? inv.inviterName() : settings.platformName(), tenant.name().value(),
                inv.role(), inv.expiresAt(), inv.ttlDays(), language);
        return OutboxMessage.queue(new OutboxMessageId(context.ids().next()), mail, token.reveal(), inv.id().toString(),
                now);
    }

    private static RuleViolationException forbidden(String message) {
        return new RuleViolationException(ErrorCode.FORBIDDEN, message);
    }

    static RuleViolationException tenantFull() {
        return new RuleViolationException(ErrorCode.TENANT_FULL,
                "this tenant's members and pending invitations have reached its user limit");
    }

    private static RuleViolationException pendingExists(String email) {
        return new RuleViolationException(ErrorCode.INVITATION_PENDING_EXISTS, "a pending invitation for " + email
                + " exists");
    }

    private static RuleViolationException lastOwner() {
        return new RuleViolationException(ErrorCode.LAST_OWNER, "a tenant keeps at least one OWNER: transfer the "
                + "ownership first");
    }

    private static RuleViolationException concurrentChange() {
        return new RuleViolationException(ErrorCode.INVALID_TRANSITION, "the membership is being changed by someone else");
    }
}

package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase;
import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The invited owner's side: look at the invitation, then accept it. Accepting with an Invitekit
 * password ({@link AccountService#acceptInvitation}) goes through the same steps, with the
 * account's creation and the sign-in inside the same transaction.
 */
public final class InvitationAcceptanceService implements InvitationAcceptanceUseCase {
    private final ServiceContext context;
    private final Transactions transactions;
    private final TenantInvitations invitations;
    private final SubdomainRegistry subdomains;
    private final Tenants tenants;
    private final Memberships memberships;
    private final Outbox outbox;
    private final UserDirectory directory;
    private final RequestLimits limits;
    private final ViewMapper views;
    private final SubdomainSuggestions suggestions;

    public InvitationAcceptanceService(ServiceContext context, Transactions transactions, TenantInvitations invitations,
                                       SubdomainRegistry subdomains, Tenants tenants, Memberships memberships,
                                       Outbox outbox, UserDirectory directory, RequestLimits limits, SubdomainSuggestions suggestions) {
        this.context = context;
        this.transactions = transactions;
        this.invitations = invitations;
        this.subdomains = subdomains;
        this.tenants = tenants;
        this.memberships = memberships;
        this.outbox = outbox;
        this.directory = directory;
        this.limits = limits;
        this.views = new ViewMapper(context.settings().tierCatalog(), context.settings().featureFlags(),
                context.settings().defaultLocale());
        this.suggestions = suggestions;
    }

    @Override
    public InvitationPreview preview(String token, String clientAddress) {
        TenantInvitation invitation = open(token, clientAddress);
        return views.preview(invitation, context.now());
    }

    @Override
    public TenantId createdTenant(Actor actor, String token, String clientAddress) {
        Access.requireActor(actor);
        limits.invitationLink(clientAddress);
        TenantInvitation invitation = invitations.byTokenDigest(SecretToken.parse(token).digest())
                .orElseThrow(() -> Access.notFound("invitation"));
        Instant now = context.now();
        if (invitation.status(now) != InvitationStatus.ACCEPTED) {
            invitation.requireOpen(now); // expired or cancelled: say so, as preview does
            throw Access.notFound("tenant"); // still pending: nothing created yet
        }
        if (!actor.id().equals(invitation.createdUser())) {
            invitation.requireOpen(now); // invitation_accepted, exactly what preview tells anyone
            throw new RuleViolationException(ErrorCode.INVITATION_ACCEPTED, "this invitation was accepted");
        }
        TenantId tenant = invitation.createdTenant();
        if (tenant == null || memberships.find(tenant, actor.id()).isEmpty()) {
            throw Access.notFound("tenant");
        }
        return tenant;
    }

    @Override
    public AcceptedInvitation accept(VerifiedUser user, AcceptInvitation.Builder request) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(request, "request");
        TenantInvitation invitation = open(request.token(), request.clientAddress());
        if (!user.verifiedEmail().equals(invitation.email())) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN,
                    "this invitation was sent to another email address than the signed-in user's");
        }
        FieldErrors errors = new FieldErrors();
        AcceptInvitation details = request.build(errors);
        errors.throwIfAny();
        Subdomain subdomain = subdomain(details);
        TenantId tenantId = new TenantId(context.ids().next());
        Instant now = context.now();
        AcceptedInvitation accepted = withSuggestions(now, () -> transactions.inTransaction(() ->
                acceptInTransaction(invitation, details, subdomain, tenantId, user.id(), null, now)));
        UserView owner = directory.profile(user.id()).map(UserView::of).orElseGet(() -> UserView.unknown(user.id()));
        return new AcceptedInvitation(user.id(), withOwner(accepted.tenant(), new TenantView.Member(owner, Role.OWNER, now)));
    }

    /**
     * The invitation behind a link, if it can still be accepted. Counts against the per-address
     * limit on links first, so that guessing tokens costs the guesser.
     */
    TenantInvitation open(String token, String clientAddress) {
        limits.invitationLink(clientAddress);
        SecretToken presented = SecretToken.parse(token);
        TenantInvitation invitation = invitations.byTokenDigest(presented.digest())
                .orElseThrow(() -> Access.notFound("invitation"));
        invitation.requireOpen(context.now());
        return invitation;
    }

    /** The subdomain asked for, if usable: its own answer ({@code invalid_subdomain}), after the other fields'. */
    Subdomain subdomain(AcceptInvitation details) {
        FieldErrors errors = new FieldErrors();
        Subdomain subdomain = errors.required("subdomain", details.subdomain(),
                context.settings().subdomainPolicy()::requireUsable);
        errors.throwIfAny();
        return subdomain;
    }

    /** Runs an accept's transaction, answering a taken subdomain with free ones to choose from. */
    <T> T withSuggestions(Instant now, java.util.function.Supplier<T> accept) {
        try {
            return accept.get();
        } catch (SubdomainTakenException taken) {
            throw suggestions.withSuggestions(taken, now);
        }
    }

    /**
     * Everything Invitekit stores for an accept: the invitation ACCEPTED, the subdomain claimed,
     * the tenant, the owner's membership and the owned-tenant count. Runs inside the caller's
     * transaction. {@code addAccount} (null for a host's user) runs once the invitation is claimed,
     * before anything refers to the owner: an accept that lost the race writes nothing, and the
     * winner never takes for its owner an account a loser wrote and then undid.
     */
    AcceptedInvitation acceptInTransaction(TenantInvitation invitation, AcceptInvitation details, Subdomain subdomain,
                                           TenantId tenantId, UserId owner, Runnable addAccount, Instant now) {
        InvitekitSettings settings = context.settings();
        TenantInvitation accepted = invitation.accept(now, tenantId, owner);
        if (!invitations.update(accepted)) {
            throw lostRace(invitation, now);
        }
        boolean newAccount = addAccount != null;
        if (newAccount) {
            addAccount.run();
        }
        subdomains.claim(subdomain, tenantId, invitation.id(), now);
        Tenant created = Tenant.create(tenantId, details.businessName(), subdomain, settings.platformDomain(),
                invitation.plan(), settings.tierCatalog().effective(invitation.plan().tier(),
                        invitation.plan().customLimits()), details.contactEmail(), details.phone(), now);
        tenants.add(created);
        memberships.add(new Membership(tenantId, owner, Role.OWNER, now), Limit.UNLIMITED);
        // A platform admin's invitation is a deliberate grant: never refused for the cap, but counted.
        memberships.countOwnedTenant(owner, Limit.UNLIMITED);
        // An email not sent yet (a resend still queued) would only carry a link that now answers "accepted".
        int withdrawn = outbox.withdraw(invitation.id().toString());
        context.audit(now, owner, EventType.TENANT_INVITATION_ACCEPTED, tenantId, invitation.id(),
                Map.of("subdomain", subdomain.value(), "new_account", Boolean.toString(newAccount),
                        "withdrawn_emails", Integer.toString(withdrawn)));
        return new AcceptedInvitation(owner, views.tenant(created, java.util.List.of(),
                new io.invitekit.application.port.out.Memberships.Usage(1, 0)));
    }

    /** The new tenant's view with its owner as the directory knows them (or as just created). */
    TenantView withOwner(TenantView tenant, TenantView.Member owner) {
        return new TenantView(tenant.id(), tenant.name(), tenant.subdomain(), tenant.domain(), tenant.subscriptionTier(),
                tenant.maxUsers(), tenant.maxResources(), tenant.permissions(), tenant.featureFlags(), tenant.active(),
                tenant.contactEmail(), tenant.phone(), tenant.createdAt(), java.util.List.of(owner), null, tenant.usage());
    }

    /** Someone else changed the invitation between our read and our write: say what it is now. */
    private RuntimeException lostRace(TenantInvitation seen, Instant now) {
        Optional<TenantInvitation> current = invitations.byId(seen.id());
        if (current.isPresent() && current.get().tokenDigest().equals(seen.tokenDigest())) {
            current.get().requireOpen(now);
        }
        if (current.isPresent() && !current.get().tokenDigest().equals(seen.tokenDigest())) {
            return Access.notFound("invitation"); // resent meanwhile: this token is no longer known
        }
        return new RuleViolationException(ErrorCode.INVITATION_ACCEPTED, "this invitation was just accepted");
    }
}

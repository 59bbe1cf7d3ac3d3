package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.TenantInvitationUseCase;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.CustomLimits;
import io.invitekit.domain.tenant.FeatureFlags;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.Permissions;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Platform admins' side of tenant invitations. */
public final class TenantInvitationService implements TenantInvitationUseCase {
    private static final int CONCURRENT_CHANGE_RETRIES = 3;

    private final ServiceContext context;
    private final Transactions transactions;
    private final TenantInvitations invitations;
    private final SubdomainRegistry subdomains;
    private final Accounts accounts;
    private final Outbox outbox;
    private final Access access;
    private final ViewMapper views;
    private final SubdomainSuggestions suggestions;

    public TenantInvitationService(ServiceContext context, Transactions transactions, TenantInvitations invitations,
                                   SubdomainRegistry subdomains, Accounts accounts, Outbox outbox,
                                   io.invitekit.application.port.out.Memberships memberships,
                                   SubdomainSuggestions suggestions) {
        this.context = context;
        this.transactions = transactions;
        this.invitations = invitations;
        this.subdomains = subdomains;
        this.accounts = accounts;
        this.outbox = outbox;
        this.access = new Access(accounts, memberships);
        this.views = new ViewMapper(context.settings().tierCatalog(), context.settings().featureFlags());
        this.suggestions = suggestions;
    }

    @Override
    public InvitationView create(CreateCommand c) {
        Account admin = access.requirePlatformAdmin(c.actor());
        InvitekitSettings settings = context.settings();
        Inputs in = new Inputs();
        EmailAddress email = in.required("email", c.email(), EmailAddress::of);
        Name suggested = in.optional("suggested_business_name", c.suggestedBusinessName(), Name::of);
        SubscriptionTier tier = c.subscriptionTier() == null
                ? settings.defaultInvitationTier()
                : in.value("subscription_tier", () -> settings.tierCatalog().require(new SubscriptionTier(c.subscriptionTier())));
        Integer customUsers = in.value("custom_max_users", () -> new CustomLimits(c.customMaxUsers(), null).maxUsers());
        Integer customResources = in.value("custom_max_resources", () -> new CustomLimits(null, c.customMaxResources()).maxResources());
        Permissions permissions = in.value("permissions", () -> Permissions.fromWire(c.permissions()));
        FeatureFlags flags = in.value("feature_flags", () -> settings.featureFlags().fromWire(c.featureFlags()));
        Integer ttlDays = in.value("expires_in_days", () -> settings.invitationPolicy().ttlDays(c.expiresInDays()));
        Subdomain reserved = in.optional("reserved_subdomain", c.reservedSubdomain(), settings.subdomainPolicy()::requireUsable);
        in.throwIfInvalid();

        Instant now = context.now();
        Plan plan = new Plan(tier, new CustomLimits(customUsers, customResources), permissions, flags);
        SecretToken token = SecretToken.generate(context.random());
        TenantInvitation invitation = TenantInvitation.create(new InvitationId(context.ids().next()), email, suggested,
                plan, reserved, admin.id(), token.digest(), ttlDays, now);
        try {
            transactions.run(() -> {
                invitations.storedPendingFor(email).ifPresent(existing -> retireIfExpired(existing, now));
                if (reserved != null) {
                    subdomains.reserve(reserved, invitation.id(), invitation.expiresAt(), now);
                }
                invitations.add(invitation);
                outbox.enqueue(invitationMail(invitation, admin, token, now));
                context.audit(now, admin.id(), "tenant_invitation.created", null, invitation.id(),
                        Map.of("email", email.value(), "tier", tier.name()));
            });
        } catch (SubdomainTakenException taken) {
            throw suggestions.withSuggestions(taken, now);
        }
        return views.invitation(invitation, admin, null, now);
    }

    /** A PENDING invitation past its expiry no longer blocks a new one for the same email. */
    private void retireIfExpired(TenantInvitation existing, Instant now) {
        if (existing.status(now) != InvitationStatus.EXPIRED) {
            throw new RuleViolationException(ErrorCode.INVITATION_PENDING_EXISTS,
                    "a pending invitation for " + existing.email() + " exists");
        }
        if (invitations.update(existing.expire(now))) {
            subdomains.release(existing.id());
        }
    }

    @Override
    public Page<InvitationView> list(ListQuery q) {
        access.requirePlatformAdmin(q.actor());
        Inputs in = new Inputs();
        InvitationStatus status = in.optional("status", q.status(), TenantInvitationService::parseStatus);
        EmailAddress email = in.optional("email", q.email(), EmailAddress::of);
        Pages.Slice slice = Pages.parse(q.page(), in);
        in.throwIfInvalid();
        Instant now = context.now();
        List<TenantInvitation> fetched = invitations.list(
                new TenantInvitations.InvitationFilter(status, email, now), slice.after(), slice.fetchSize());
        return Pages.page(fetched, slice, inv -> inv.id().value(), shown -> viewsOf(shown, now));
    }

    private List<InvitationView> viewsOf(List<TenantInvitation> shown, Instant now) {
        Map<UserId, Account> inviters = accounts.byIds(shown.stream().map(TenantInvitation::invitedBy).distinct().toList())
                .stream().collect(Collectors.toMap(Account::id, Function.identity()));
        Map<String, Delivery> deliveries = outbox.latestDeliveries(shown.stream().map(inv -> inv.id().toString()).toList());
        return shown.stream()
                .map(inv -> views.invitation(inv, inviters.get(inv.invitedBy()), deliveries.get(inv.id().toString()), now))
                .toList();
    }

    private static InvitationStatus parseStatus(String text) {
        try {
            return InvitationStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException("status is one of PENDING, ACCEPTED, EXPIRED, CANCELLED");
        }
    }

    @Override
    public InvitationView get(UserId actor, String invitationId) {
        access.requirePlatformAdmin(actor);
        return viewOf(load(invitationId), context.now());
    }

    @Override
    public InvitationView resend(UserId actor, String invitationId) {
        Account admin = access.requirePlatformAdmin(actor);
        InvitationId id = parseId(invitationId);
        Instant now = context.now();
        SecretToken token = SecretToken.generate(context.random());
        try {
            TenantInvitation resent = transactions.inTransaction(() -> {
                TenantInvitation next = change(id, inv -> inv.resend(now, token.digest(), context.settings().invitationPolicy()));
                if (next.reservedSubdomain() != null) {
                    subdomains.reserve(next.reservedSubdomain(), next.id(), next.expiresAt(), now);
                }
                // The old token is dead from this commit on: its unsent emails go with it.
                int withdrawn = outbox.withdraw(id.toString());
                outbox.enqueue(invitationMail(next, admin, token, now));
                context.audit(now, admin.id(), "tenant_invitation.resent", null, id,
                        Map.of("withdrawn_emails", Integer.toString(withdrawn)));
                return next;
            });
            return viewOf(resent, now);
        } catch (SubdomainTakenException taken) {
            throw suggestions.withSuggestions(taken, now);
        }
    }

    @Override
    public InvitationView cancel(UserId actor, String invitationId) {
        Account admin = access.requirePlatformAdmin(actor);
        InvitationId id = parseId(invitationId);
        Instant now = context.now();
        TenantInvitation cancelled = transactions.inTransaction(() -> {
            TenantInvitation next = change(id, inv -> inv.cancel(now));
            subdomains.release(id);
            int withdrawn = outbox.withdraw(id.toString()); // an email not sent yet would only carry a dead link
            context.audit(now, admin.id(), "tenant_invitation.cancelled", null, id,
                    Map.of("withdrawn_emails", Integer.toString(withdrawn)));
            return next;
        });
        return viewOf(cancelled, now);
    }

    /**
     * Applies a transition with a conditional update; when another process changed the
     * invitation first, reads it again and applies the transition to what is there now (which
     * usually refuses it).
     */
    private TenantInvitation change(InvitationId id, UnaryOperator<TenantInvitation> transition) {
        for (int attempt = 0; attempt < CONCURRENT_CHANGE_RETRIES; attempt++) {
            TenantInvitation current = invitations.byId(id).orElseThrow(() -> Access.notFound("invitation"));
            TenantInvitation next = transition.apply(current);
            if (invitations.update(next)) {
                return next;
            }
        }
        throw new RuleViolationException(ErrorCode.INVALID_TRANSITION, "the invitation is being changed by someone else");
    }

    private TenantInvitation load(String invitationId) {
        return invitations.byId(parseId(invitationId)).orElseThrow(() -> Access.notFound("invitation"));
    }

    private static InvitationId parseId(String text) {
        return InvitationId.parse(text).orElseThrow(() -> Access.notFound("invitation"));
    }

    private InvitationView viewOf(TenantInvitation invitation, Instant now) {
        return viewsOf(List.of(invitation), now).get(0);
    }

    private OutboxMessage invitationMail(TenantInvitation inv, Account inviter, SecretToken token, Instant now) {
        InvitekitSettings settings = context.settings();
        Limits limits = settings.tierCatalog().effective(inv.plan().tier(), inv.plan().customLimits());
        TenantInvitationMail.Queued mail = new TenantInvitationMail.Queued(inv.email(), settings.platformName(),
                inviter.displayName(), inv.plan().tier(), limits.users().max(), limits.resources().max(),
                inv.plan().permissions().granted(),
                inv.suggestedBusinessName() == null ? null : inv.suggestedBusinessName().value(), inv.expiresAt(),
                inv.ttlDays());
        return OutboxMessage.queue(new OutboxMessageId(context.ids().next()), mail, token.reveal(), inv.id().toString(),
                now);
    }
}

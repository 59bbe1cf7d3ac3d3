package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.InvitationQuery;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.TenantInvitationUseCase;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.FeatureFlags;
import io.invitekit.domain.tenant.Limits;
import io.invitekit.domain.tenant.Permissions;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Platform admins' side of tenant invitations. */
public final class TenantInvitationService implements TenantInvitationUseCase {
    private static final int CONCURRENT_CHANGE_RETRIES = 3;

    private final ServiceContext context;
    private final Transactions transactions;
    private final TenantInvitations invitations;
    private final SubdomainRegistry subdomains;
    private final UserDirectory directory;
    private final Outbox outbox;
    private final ViewMapper views;
    private final SubdomainSuggestions suggestions;

    public TenantInvitationService(ServiceContext context, Transactions transactions, TenantInvitations invitations,
                                   SubdomainRegistry subdomains, UserDirectory directory, Outbox outbox,
                                   SubdomainSuggestions suggestions) {
        this.context = context;
        this.transactions = transactions;
        this.invitations = invitations;
        this.subdomains = subdomains;
        this.directory = directory;
        this.outbox = outbox;
        this.views = new ViewMapper(context.settings().tierCatalog(), context.settings().featureFlags(),
                context.settings().defaultLocale());
        this.suggestions = suggestions;
    }

    @Override
    public InvitationView create(Actor actor, NewTenantInvitation.Builder request) {
        Access.requirePlatformAdmin(actor);
        InvitekitSettings settings = context.settings();
        FieldErrors errors = new FieldErrors();
        NewTenantInvitation c = request.build(errors);
        SubscriptionTier tier = c.tier() == null
                ? settings.defaultInvitationTier()
                : errors.value("subscriptionTier", () -> settings.tierCatalog().require(c.tier()));
        FeatureFlags flags = errors.value("featureFlags", () -> settings.featureFlags().resolve(c.featureFlags()));
        Integer ttlDays = errors.value("expiresInDays", () -> settings.invitationPolicy().ttlDays(c.expiresInDays()));
        Subdomain reserved = c.reservedSubdomain() == null ? null
                : errors.value("reservedSubdomain", () -> settings.subdomainPolicy().requireUsable(c.reservedSubdomain().value()));
        LocaleTag locale = c.locale() == null ? settings.defaultLocale() : c.locale();
        if (!settings.offers(locale)) { // one field among the others: validation_failed on locale
            errors.add("locale", Locales.offered(settings), ErrorCode.VALIDATION_FAILED);
        }
        errors.throwIfAny();

        Instant now = context.now();
        String inviterName = directory.profile(actor.id()).map(UserProfile::displayName).orElse(null);
        Plan plan = new Plan(tier, c.customLimits(), new Permissions(c.permissions()), flags);
        SecretToken token = SecretToken.generate(context.random());
        TenantInvitation invitation = TenantInvitation.create(new InvitationId(context.ids().next()), c.email(),
                c.suggestedBusinessName(), plan, reserved, actor.id(), inviterName, token.digest(), ttlDays, now)
                .inLocale(locale);
        try {
            transactions.run(() -> {
                invitations.storedPendingFor(c.email()).ifPresent(existing -> retireIfExpired(existing, now));
                if (reserved != null) {
                    subdomains.reserve(reserved, invitation.id(), invitation.expiresAt(), now);
                }
                invitations.add(invitation);
                outbox.enqueue(invitationMail(invitation, token, now));
                context.audit(now, actor.id(), EventType.TENANT_INVITATION_CREATED, null, invitation.id(),
                        Map.of("email", c.email().value(), "tier", tier.name()));
            });
        } catch (SubdomainTakenException taken) {
            throw suggestions.withSuggestions(taken, now);
        }
        return viewOf(invitation, now);
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
    public Page<InvitationView> list(Actor actor, InvitationQuery.Builder request) {
        Access.requirePlatformAdmin(actor);
        FieldErrors errors = new FieldErrors();
        InvitationQuery q = request.build(errors);
        String search = Searches.text(q.search(), InvitationQuery.MAX_SEARCH);
        Instant now = context.now();
        TenantInvitations.InvitationFilter filter = new TenantInvitations.InvitationFilter(q.status(), q.email(), now);
        if (search != null) {
            Searches.Slice slice = Searches.parse(q.page(), errors);
            errors.throwIfAny();
            List<PrefixSearch.Found<TenantInvitation>> found = invitations.search(filter,
                    new PrefixSearch(PrefixSearch.key(search), slice.after(), slice.fetchSize()));
            return Searches.page(found, slice, inv -> inv.id().value(), shown -> viewsOf(shown, now));
        }
        Pages.Slice slice = Pages.parse(q.page(), errors);
        errors.throwIfAny();
        List<TenantInvitation> fetched = invitations.list(filter, slice.after(), slice.fetchSize());
        return Pages.page(fetched, slice, inv -> inv.id().value(), shown -> viewsOf(shown, now));
    }

    private List<InvitationView> viewsOf(List<TenantInvitation> shown, Instant now) {
        Map<UserId, UserProfile> inviters = directory.profiles(
                shown.stream().map(TenantInvitation::invitedBy).distinct().toList());
        Map<String, Delivery> deliveries = outbox.latestDeliveries(shown.stream().map(inv -> inv.id().toString()).toList());
        return shown.stream()
                .map(inv -> views.invitation(inv, inviters.get(inv.invitedBy()), deliveries.get(inv.id().toString()), now))
                .toList();
    }

    @Override
    public InvitationView get(Actor actor, InvitationId id) {
        Access.requirePlatformAdmin(actor);
        return viewOf(load(id), context.now());
    }

    @Override
    public InvitationView resend(Actor actor, InvitationId id) {
        Access.requirePlatformAdmin(actor);
        return resendBy(actor.id(), id);
    }

    /**
     * A resend asked for by an operator (the admin command line retrying a dead email): the same
     * rules as an admin's (a PENDING invitation, the resend limits), audited without an actor.
     */
    InvitationView resendForOperator(InvitationId id) {
        return resendBy(null, id);
    }

    private InvitationView resendBy(UserId actorId, InvitationId id) {
        Objects.requireNonNull(id, "id");
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
                outbox.enqueue(invitationMail(next, token, now));
                context.audit(now, actorId, EventType.TENANT_INVITATION_RESENT, null, id,
                        Map.of("withdrawn_emails", Integer.toString(withdrawn)));
                return next;
            });
            return viewOf(resent, now);
        } catch (SubdomainTakenException taken) {
            throw suggestions.withSuggestions(taken, now);
        }
    }

    @Override
    public InvitationView cancel(Actor actor, InvitationId id) {
        Access.requirePlatformAdmin(actor);
        Objects.requireNonNull(id, "id");
        Instant now = context.now();
        TenantInvitation cancelled = transactions.inTransaction(() -> {
            TenantInvitation next = change(id, inv -> inv.cancel(now));
            subdomains.release(id);
            int withdrawn = outbox.withdraw(id.toString()); // an email not sent yet would only carry a dead link
            context.audit(now, actor.id(), EventType.TENANT_INVITATION_CANCELLED, null, id,
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

    private TenantInvitation load(InvitationId id) {
        return invitations.byId(Objects.requireNonNull(id, "id")).orElseThrow(() -> Access.notFound("invitation"));
    }

    private InvitationView viewOf(TenantInvitation invitation, Instant now) {
        return viewsOf(List.of(invitation), now).get(0);
    }

    private OutboxMessage invitationMail(TenantInvitation inv, SecretToken token, Instant now) {
        InvitekitSettings settings = context.settings();
        Limits limits = settings.tierCatalog().effective(inv.plan().tier(), inv.plan().customLimits());
        TenantInvitationMail.Queued mail = new TenantInvitationMail.Queued(inv.email(), settings.platformName(),
                inv.inviterName() != null ? inv.inviterName() : settings.platformName(), inv.plan().tier(), limits.users().max(), limits.resources().max(),
                inv.plan().permissions().granted(),
                inv.suggestedBusinessName() == null ? null : inv.suggestedBusinessName().value(), inv.expiresAt(),
                inv.ttlDays(), inv.locale());
        return OutboxMessage.queue(new OutboxMessageId(context.ids().next()), mail, token.reveal(), inv.id().toString(),
                now);
    }
}

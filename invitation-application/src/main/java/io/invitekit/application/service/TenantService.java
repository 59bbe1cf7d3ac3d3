package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.MembershipView;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantQuery;
import io.invitekit.application.port.in.TenantUseCase;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tenants created by users ("families") and the platform admins' view of all tenants. */
public final class TenantService implements TenantUseCase {
    private static final int FREE_SUBDOMAIN_ATTEMPTS = 3;

    private final ServiceContext context;
    private final Transactions transactions;
    private final Tenants tenants;
    private final SubdomainRegistry subdomains;
    private final Memberships memberships;
    private final UserDirectory directory;
    private final Access access;
    private final ViewMapper views;
    private final SubdomainSuggestions suggestions;

    public TenantService(ServiceContext context, Transactions transactions, Tenants tenants, SubdomainRegistry subdomains,
                         Memberships memberships, UserDirectory directory, SubdomainSuggestions suggestions) {
        this.context = context;
        this.transactions = transactions;
        this.tenants = tenants;
        this.subdomains = subdomains;
        this.memberships = memberships;
        this.directory = directory;
        this.access = new Access(memberships);
        this.views = new ViewMapper(context.settings().tierCatalog(), context.settings().featureFlags(),
                context.settings().defaultLocale());
        this.suggestions = suggestions;
    }

    @Override
    public TenantView create(Actor owner, NewTenant.Builder request) {
        Access.requireActor(owner);
        InvitekitSettings settings = context.settings();
        NewTenant c = request.build();
        Name name = c.name();
        EmailAddress contact = c.contactEmail();
        Phone phone = c.phone();
        FieldErrors subdomainInput = new FieldErrors(); // its own answer: invalid_subdomain
        Subdomain chosen = subdomainInput.optional("subdomain", c.subdomain(), settings.subdomainPolicy()::requireUsable);
        subdomainInput.throwIfAny();

        Plan plan = Plan.basic(settings.defaultTenantTier());
        // Platform admins may own any number; everyone else's tenants are counted against the cap.
        int cap = settings.maxTenantsPerUser();
        Limit owned = owner.isPlatformAdmin() ? Limit.UNLIMITED : Limit.of(cap);
        for (int attempt = 1; ; attempt++) {
            Instant now = context.now();
            Subdomain subdomain = chosen != null ? chosen : suggestions.firstFreeFor(name.value(), now);
            Tenant tenant = Tenant.create(new TenantId(context.ids().next()), name, subdomain, settings.platformDomain(),
                    plan, settings.tierCatalog().defaultsOf(plan.tier()), contact, phone, now);
            try {
                transactions.run(() -> {
                    if (!memberships.countOwnedTenant(owner.id(), owned)) {
                        throw new RuleViolationException(ErrorCode.TENANT_LIMIT_REACHED,
                                "one account may own at most " + cap + " tenants");
                    }
                    subdomains.claim(subdomain, tenant.id(), null, now);
                    tenants.add(tenant);
                    memberships.add(new Membership(tenant.id(), owner.id(), Role.OWNER, now), Limit.UNLIMITED);
                    context.audit(now, owner.id(), EventType.TENANT_CREATED, tenant.id(), tenant.id(),
                            Map.of("subdomain", subdomain.value()));
                });
                return views.tenant(tenant, ViewMapper.members(
                        List.of(new Membership(tenant.id(), owner.id(), Role.OWNER, now)), directory),
                        new Memberships.Usage(1, 0));
            } catch (SubdomainTakenException taken) {
                if (chosen != null || attempt >= FREE_SUBDOMAIN_ATTEMPTS) {
                    throw suggestions.withSuggestions(taken, now);
                }
                // The derived subdomain went to someone else a moment ago: derive again.
            }
        }
    }

    @Override
    public TenantView get(Actor reader, TenantId id) {
        Access.requireActor(reader);
        if (id == null) {
            throw Access.notFound("tenant");
        }
        Tenant tenant = tenants.byId(id).orElseThrow(() -> Access.notFound("tenant"));
        if (!reader.isPlatformAdmin()) {
            access.requireMember(reader, id);
        }
        // At most EMBEDDED_MEMBERS: a tenant's view stays small however many join; the paged list has the rest.
        var members = MemberService.embedded(memberships, directory, id);
        return views.tenant(tenant, members.getKey(), members.getValue().orElse(null), usageOf(id));
    }

    @Override
    public Page<TenantView> list(Actor actor, TenantQuery query) {
        Access.requirePlatformAdmin(actor);
        FieldErrors in = new FieldErrors();
        String search = Searches.text(query.search(), TenantQuery.MAX_SEARCH);
        if (search != null) {
            Searches.Slice slice = Searches.parse(query.page(), in);
            in.throwIfAny();
            List<PrefixSearch.Found<Tenant>> found = tenants.search(query.active(),
                    new PrefixSearch(PrefixSearch.key(search), slice.after(), slice.fetchSize()));
            return Searches.page(found, slice, t -> t.id().value(), this::withUsage);
        }
        Pages.Slice slice = Pages.parse(query.page(), in);
        in.throwIfAny();
        List<Tenant> fetched = tenants.list(query.active(), slice.after(), slice.fetchSize());
        return Pages.page(fetched, slice, t -> t.id().value(), this::withUsage);
    }

    /** The tenants' views with their usage, read for the whole page at once. */
    private List<TenantView> withUsage(List<Tenant> shown) {
        Map<TenantId, Memberships.Usage> usage = memberships.usage(shown.stream().map(Tenant::id).toList());
        return shown.stream().map(t -> views.tenant(t, List.of(), usage.get(t.id()))).toList();
    }

    private Memberships.Usage usageOf(TenantId id) {
        return memberships.usage(List.of(id)).get(id);
    }

    @Override
    public TenantView setActive(Actor admin, TenantId id, boolean active) {
        Access.requirePlatformAdmin(admin);
        if (id == null) {
            throw Access.notFound("tenant");
        }
        Instant now = context.now();
        Tenant changed = transactions.inTransaction(() -> {
            Tenant tenant = tenants.byId(id).orElseThrow(() -> Access.notFound("tenant"));
            Tenant next = active ? tenant.activate() : tenant.deactivate();
            if (!tenants.update(next)) {
                throw Access.notFound("tenant");
            }
            context.audit(now, admin.id(), active ? EventType.TENANT_ACTIVATED : EventType.TENANT_DEACTIVATED, id, id, Map.of());
            return next;
        });
        return views.tenant(changed, List.of(), usageOf(id));
    }

    @Override
    public Page<MembershipView> memberships(Actor actor, PageRequest request) {
        Access.requireActor(actor);
        PageRequest page = request == null ? PageRequest.first() : request;
        FieldErrors in = new FieldErrors();
        int limit = Pages.limit(page, MAX_MEMBERSHIPS_PAGE, in);
        Memberships.Position after = null;
        if (page.cursor() != null && !page.cursor().isEmpty()) {
            Map.Entry<Instant, UUID> position = Pages.decodeTimed(page.cursor());
            if (position == null) {
                Pages.badCursor(in);
            } else {
                after = new Memberships.Position(position.getKey(), new TenantId(position.getValue()));
            }
        }
        in.throwIfAny();
        return membershipPage(actor.id(), after, limit);
    }

    /** One keyset page, fetching one more than shown to learn whether another follows. */
    Page<MembershipView> membershipPage(UserId user, Memberships.Position after, int limit) {
        // The page and its tenants in one read where the store can (GET /api/me shows it).
        List<Memberships.WithTenant> fetched = memberships.ofUserWithTenants(user, after, limit + 1, tenants);
        boolean more = fetched.size() > limit;
        List<Memberships.WithTenant> shown = more ? fetched.subList(0, limit) : fetched;
        Membership last = shown.isEmpty() ? null : shown.get(shown.size() - 1).membership();
        List<MembershipView> views = shown.stream()
                .filter(m -> m.tenant() != null)
                .map(m -> {
                    Tenant t = m.tenant();
                    return new MembershipView(t.id(), t.name().value(), t.subdomain().value(), m.membership().role(),
                            m.membership().joinedAt());
                })
                .toList();
        return new Page<>(views, more ? Pages.encode(last.joinedAt(), last.tenantId().value()) : null);
    }
}

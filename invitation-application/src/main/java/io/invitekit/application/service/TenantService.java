package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantUseCase;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/** Tenants created by users ("families") and the platform admins' view of all tenants. */
public final class TenantService implements TenantUseCase {
    private static final int FREE_SUBDOMAIN_ATTEMPTS = 3;

    private final ServiceContext context;
    private final Transactions transactions;
    private final Tenants tenants;
    private final SubdomainRegistry subdomains;
    private final Memberships memberships;
    private final Accounts accounts;
    private final Access access;
    private final ViewMapper views;
    private final SubdomainSuggestions suggestions;

    public TenantService(ServiceContext context, Transactions transactions, Tenants tenants, SubdomainRegistry subdomains,
                         Memberships memberships, Accounts accounts, SubdomainSuggestions suggestions) {
        this.context = context;
        this.transactions = transactions;
        this.tenants = tenants;
        this.subdomains = subdomains;
        this.memberships = memberships;
        this.accounts = accounts;
        this.access = new Access(accounts, memberships);
        this.views = new ViewMapper(context.settings().tierCatalog(), context.settings().featureFlags());
        this.suggestions = suggestions;
    }

    @Override
    public TenantView create(CreateCommand c) {
        Account owner = access.requireAccount(c.actor());
        InvitekitSettings settings = context.settings();
        Inputs in = new Inputs();
        Name name = in.required("name", c.name(), Name::of);
        EmailAddress contact = in.optional("contact_email", c.contactEmail(), EmailAddress::of);
        Phone phone = in.optional("phone", c.phone(), Phone::new);
        in.throwIfInvalid();
        Inputs subdomainInput = new Inputs();
        Subdomain chosen = subdomainInput.optional("subdomain", c.subdomain(), settings.subdomainPolicy()::requireUsable);
        subdomainInput.throwIfInvalid();

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
                    context.audit(now, owner.id(), "tenant.created", tenant.id(), tenant.id(),
                            Map.of("subdomain", subdomain.value()));
                });
                return views.tenant(tenant, List.of(new TenantView.Member(UserView.of(owner), Role.OWNER, now)));
            } catch (SubdomainTakenException taken) {
                if (chosen != null || attempt >= FREE_SUBDOMAIN_ATTEMPTS) {
                    throw suggestions.withSuggestions(taken, now);
                }
                // The derived subdomain went to someone else a moment ago: derive again.
            }
        }
    }

    @Override
    public TenantView get(UserId actor, String tenantId) {
        Account reader = access.requireAccount(actor);
        TenantId id = parseId(tenantId);
        Tenant tenant = tenants.byId(id).orElseThrow(() -> Access.notFound("tenant"));
        if (!reader.isPlatformAdmin()) {
            access.requireMember(actor, id);
        }
        List<Membership> members = memberships.ofTenant(id);
        Map<UserId, Account> byId = accounts.byIds(members.stream().map(Membership::userId).toList()).stream()
                .collect(Collectors.toMap(Account::id, Function.identity()));
        List<TenantView.Member> memberViews = members.stream()
                .filter(m -> byId.containsKey(m.userId()))
                .map(m -> new TenantView.Member(UserView.of(byId.get(m.userId())), m.role(), m.joinedAt()))
                .toList();
        return views.tenant(tenant, memberViews);
    }

    @Override
    public Page<TenantView> list(UserId actor, Boolean active, PageRequest page) {
        access.requirePlatformAdmin(actor);
        Inputs in = new Inputs();
        Pages.Slice slice = Pages.parse(page, in);
        in.throwIfInvalid();
        List<Tenant> fetched = tenants.list(active, slice.after(), slice.fetchSize());
        return Pages.page(fetched, slice, t -> t.id().value(),
                shown -> shown.stream().map(t -> views.tenant(t, List.of())).toList());
    }

    @Override
    public TenantView setActive(UserId actor, String tenantId, boolean active) {
        Account admin = access.requirePlatformAdmin(actor);
        TenantId id = parseId(tenantId);
        Instant now = context.now();
        Tenant changed = transactions.inTransaction(() -> {
            Tenant tenant = tenants.byId(id).orElseThrow(() -> Access.notFound("tenant"));
            Tenant next = active ? tenant.activate() : tenant.deactivate();
            if (!tenants.update(next)) {
                throw Access.notFound("tenant");
            }
            context.audit(now, admin.id(), active ? "tenant.activated" : "tenant.deactivated", id, id, Map.of());
            return next;
        });
        return views.tenant(changed, List.of());
    }

    static TenantId parseId(String text) {
        return TenantId.parse(text).orElseThrow(() -> Access.notFound("tenant"));
    }
}

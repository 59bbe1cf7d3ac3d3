package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase;
import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.Phone;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The invited owner's side: look at the invitation, then accept it. */
public final class InvitationAcceptanceService implements InvitationAcceptanceUseCase {
    private final ServiceContext context;
    private final Transactions transactions;
    private final TenantInvitations invitations;
    private final SubdomainRegistry subdomains;
    private final Tenants tenants;
    private final Accounts accounts;
    private final Memberships memberships;
    private final PasswordHasher hasher;
    private final Credentials credentials;
    private final ViewMapper views;
    private final SubdomainSuggestions suggestions;

    public InvitationAcceptanceService(ServiceContext context, Transactions transactions, TenantInvitations invitations,
                                       SubdomainRegistry subdomains, Tenants tenants, Accounts accounts,
                                       Memberships memberships, PasswordHasher hasher, Credentials credentials,
                                       SubdomainSuggestions suggestions) {
        this.context = context;
        this.transactions = transactions;
        this.invitations = invitations;
        this.subdomains = subdomains;
        this.tenants = tenants;
        this.accounts = accounts;
        this.memberships = memberships;
        this.hasher = hasher;
        this.credentials = credentials;
        this.views = new ViewMapper(context.settings().tierCatalog(), context.settings().featureFlags());
        this.suggestions = suggestions;
    }

    @Override
    public InvitationPreview preview(String token) {
        Instant now = context.now();
        TenantInvitation invitation = byToken(token);
        invitation.requireOpen(now);
        Account inviter = accounts.byId(invitation.invitedBy()).orElse(null);
        return views.preview(invitation, inviter, now);
    }

    @Override
    public AcceptResult accept(AcceptCommand c) {
        TenantInvitation invitation = byToken(c.token());
        Instant checkedAt = context.now();
        invitation.requireOpen(checkedAt);

        InvitekitSettings settings = context.settings();
        Optional<Account> existing = accounts.byEmail(invitation.email());
        Inputs in = new Inputs();
        Password password = existing.isPresent()
                ? in.required("password", c.password(), Password::presented)
                : in.required("password", c.password(), raw -> Password.forAccount(raw, invitation.email()));
        Name firstName = existing.isPresent() ? null : in.required("first_name", c.firstName(), Name::of);
        Name lastName = existing.isPresent() ? null : in.required("last_name", c.lastName(), Name::of);
        Name businessName = in.required("business_name", c.businessName(), Name::of);
        EmailAddress contactEmail = in.optional("contact_email", c.contactEmail(), EmailAddress::of);
        Phone phone = in.optional("phone", c.phone(), Phone::new);
        in.throwIfInvalid();
        Inputs subdomainInput = new Inputs(); // its own answer: invalid_subdomain
        Subdomain subdomain = subdomainInput.required("subdomain", c.subdomain(), settings.subdomainPolicy()::requireUsable);
        subdomainInput.throwIfInvalid();

        // The slow part (password hashing) happens before the transaction, never inside it.
        Account owner = existing
                .map(account -> credentials.requirePassword(account, password))
                .orElseGet(() -> new Account(new UserId(context.ids().next()), invitation.email(), hasher.hash(password),
                        firstName, lastName, PlatformRole.NONE, context.now()));
        boolean newAccount = existing.isEmpty();
        TenantId tenantId = new TenantId(context.ids().next());
        Instant now = context.now();
        try {
            // The owner's session is issued inside the same transaction: an accept that commits
            // has its tokens, and one whose session cannot be issued never happened, so that
            // an accept is never answered with an error after it committed (a retry then works).
            return transactions.inTransaction(() -> {
                TenantInvitation accepted = invitation.accept(now, tenantId, owner.id());
                if (!invitations.update(accepted)) {
                    throw lostRace(invitation, now);
                }
                subdomains.claim(subdomain, tenantId, invitation.id(), now);
                Tenant created = Tenant.create(tenantId, businessName, subdomain, settings.platformDomain(),
                        invitation.plan(), settings.tierCatalog().effective(invitation.plan().tier(),
                                invitation.plan().customLimits()), contactEmail, phone, now);
                tenants.add(created);
                if (newAccount) {
                    accounts.add(owner);
                }
                memberships.add(new Membership(tenantId, owner.id(), Role.OWNER, now), Limit.UNLIMITED);
                // A platform admin's invitation is a deliberate grant: never refused for the cap, but counted.
                memberships.countOwnedTenant(owner.id(), Limit.UNLIMITED);
                context.audit(now, owner.id(), "tenant_invitation.accepted", tenantId, invitation.id(),
                        Map.of("subdomain", subdomain.value(), "new_account", Boolean.toString(newAccount)));
                AuthResult session = credentials.signIn(owner);
                TenantView tenantView = views.tenant(created,
                        List.of(new TenantView.Member(UserView.of(owner), Role.OWNER, now)));
                return new AcceptResult(session, tenantView);
            });
        } catch (SubdomainTakenException taken) {
            throw suggestions.withSuggestions(taken, now);
        }
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

    private TenantInvitation byToken(String token) {
        SecretToken presented = SecretToken.parse(token);
        return invitations.byTokenDigest(presented.digest()).orElseThrow(() -> Access.notFound("invitation"));
    }
}

package io.invitekit.application.service;

import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Sign-up, sign-in, sessions and the first platform admin. */
public final class AccountService implements AccountUseCase {
    /** Placed in the transaction that creates the first platform admin (and by migration V3 on older databases). */
    static final String FIRST_ADMIN_MARKER = "first_admin";

    private final ServiceContext context;
    private final Transactions transactions;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Tenants tenants;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final Credentials credentials;
    private final Access access;
    private final BootstrapMarkers markers;

    public AccountService(ServiceContext context, Transactions transactions, Accounts accounts, Memberships memberships,
                          Tenants tenants, PasswordHasher hasher, SessionTokens tokens, Credentials credentials,
                          BootstrapMarkers markers) {
        this.context = context;
        this.transactions = transactions;
        this.accounts = accounts;
        this.markers = markers;
        this.memberships = memberships;
        this.tenants = tenants;
        this.hasher = hasher;
        this.tokens = tokens;
        this.credentials = credentials;
        this.access = new Access(accounts, memberships);
    }

    @Override
    public AuthResult signup(SignupCommand c) {
        Inputs in = new Inputs();
        EmailAddress email = in.required("email", c.email(), EmailAddress::of);
        Password password = in.required("password", c.password(), raw -> Password.forAccount(raw, email));
        Name first = in.required("first_name", c.firstName(), Name::of);
        Name last = in.required("last_name", c.lastName(), Name::of);
        in.throwIfInvalid();
        Account account = new Account(new UserId(context.ids().next()), email, hasher.hash(password), first, last,
                PlatformRole.NONE, context.now());
        // The session is issued in the sign-up's transaction, as for an accept: a sign-up whose
        // session cannot be written never happened, so the retry is not told "email taken".
        return transactions.inTransaction(() -> {
            accounts.add(account);
            context.audit(account.createdAt(), account.id(), "account.created", null, account.id(), Map.of());
            return credentials.signIn(account);
        });
    }

    @Override
    public AuthResult login(String email, String password) {
        Password presented = presented(email, password);
        Optional<Account> account;
        try {
            account = accounts.byEmail(EmailAddress.of(email));
        } catch (DomainException notAnEmail) {
            account = Optional.empty(); // answered like an unknown email, after the same work
        }
        return credentials.signIn(credentials.requirePassword(account, presented));
    }

    @Override
    public void checkLogin(String email, String password) {
        presented(email, password);
    }

    private static Password presented(String email, String password) {
        Inputs in = new Inputs();
        in.required("email", email, Function.identity());
        Password presented = in.required("password", password, Password::presented);
        in.throwIfInvalid();
        return presented;
    }

    @Override
    public AuthResult refresh(String refreshToken) {
        var issued = tokens.refresh(refreshToken);
        Account account = access.requireAccount(issued.user());
        return new AuthResult(UserView.of(account), issued.accessToken(), issued.refreshToken(),
                issued.accessTokenTtl().toSeconds());
    }

    @Override
    public void logout(String accessToken) {
        tokens.revoke(accessToken);
    }

    @Override
    public Optional<UserId> authenticate(String accessToken) {
        return tokens.authenticate(accessToken);
    }

    @Override
    public MeView me(UserId user) {
        Account account = access.requireAccount(user);
        Page<MeView.MembershipView> first = membershipPage(user, null, ME_MEMBERSHIPS);
        return new MeView(UserView.of(account), first.items(), first.nextCursor());
    }

    @Override
    public Page<MeView.MembershipView> memberships(UserId user, PageRequest request) {
        access.requireAccount(user);
        PageRequest page = request == null ? PageRequest.first() : request;
        Inputs in = new Inputs();
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
        in.throwIfInvalid();
        return membershipPage(user, after, limit);
    }

    /** One keyset page, fetching one more than shown to learn whether another follows. */
    private Page<MeView.MembershipView> membershipPage(UserId user, Memberships.Position after, int limit) {
        List<Membership> fetched = memberships.ofUser(user, after, limit + 1);
        boolean more = fetched.size() > limit;
        List<Membership> shown = more ? fetched.subList(0, limit) : fetched;
        Membership last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        Map<TenantId, Tenant> byId = tenants.byIds(shown.stream().map(Membership::tenantId).toList()).stream()
                .collect(Collectors.toMap(Tenant::id, Function.identity()));
        List<MeView.MembershipView> views = shown.stream()
                .filter(m -> byId.containsKey(m.tenantId()))
                .map(m -> {
                    Tenant t = byId.get(m.tenantId());
                    return new MeView.MembershipView(t.id(), t.name().value(), t.subdomain().value(), m.role(), m.joinedAt());
                })
                .toList();
        return new Page<>(views, more ? Pages.encode(last.joinedAt(), last.tenantId().value()) : null);
    }

    /**
     * Exactly one first admin, however many nodes start at once with whatever settings: the
     * account is created in the transaction that places the {@value #FIRST_ADMIN_MARKER} marker,
     * and the store lets one transaction place it. It is a one-time marker, not a count of
     * admins, so admins made later by other means are no concern of it. An admin that exists
     * without the marker (an embedder's own user store) also counts as the first one.
     */
    @Override
    public Optional<FirstAdmin> createFirstPlatformAdmin(String email, String password) {
        if (markers.isPlaced(FIRST_ADMIN_MARKER) || accounts.anyPlatformAdmin()) {
            return Optional.empty(); // before hashing: the common case on every start but the first
        }
        EmailAddress adminEmail = EmailAddress.of(email == null || email.isBlank() ? "admin@localhost" : email);
        String generated = password == null || password.isBlank() ? SecretToken.generate(context.random()).reveal() : null;
        Password adminPassword = Password.forAccount(generated != null ? generated : password, adminEmail);
        Instant now = context.now();
        Account admin = new Account(new UserId(context.ids().next()), adminEmail, hasher.hash(adminPassword),
                Name.of("Platform"), Name.of("Admin"), PlatformRole.PLATFORM_ADMIN, now);
        boolean created = transactions.inTransaction(() -> {
            if (!markers.place(FIRST_ADMIN_MARKER, now)) {
                return false; // another node made the first admin since we looked
            }
            accounts.add(admin); // email_taken (an ordinary account has it) rolls the marker back too
            context.audit(now, admin.id(), "account.platform_admin_created", null, admin.id(), Map.of());
            return true;
        });
        return created ? Optional.of(new FirstAdmin(adminEmail.value(), generated)) : Optional.empty();
    }
}

package io.invitekit.application.service;

import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MemberAcceptResult;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.MembershipView;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.application.port.in.SignupResult;
import io.invitekit.application.port.in.VerificationEmailRequest;
import io.invitekit.application.port.in.VerifyEmail;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.UserView;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.EmailVerifications;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.EmailVerification;
import io.invitekit.domain.account.EmailVerificationId;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.PasswordReset;
import io.invitekit.domain.account.PasswordResetId;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Invitekit's own accounts: sign-up, sign-in, sessions, password reset, accepting an invitation
 * with a password, and the first platform admin.
 */
public final class AccountService implements AccountUseCase {
    /** Placed in the transaction that creates the first platform admin (and by migration V3 on older databases). */
    static final String FIRST_ADMIN_MARKER = "first_admin";

    private final ServiceContext context;
    private final Transactions transactions;
    private final Accounts accounts;
    private final SessionTokens tokens;
    private final Credentials credentials;
    private final BootstrapMarkers markers;
    private final RequestLimits limits;
    private final TenantService tenants;
    private final InvitationAcceptanceService acceptance;
    private final MemberService members;
    private final PasswordResets resets;
    private final Outbox outbox;
    private final EmailVerifications verifications;

    public AccountService(ServiceContext context, Transactions transactions, Accounts accounts, PasswordHasher hasher,
                          SessionTokens tokens, BootstrapMarkers markers, RequestLimits limits, TenantService tenants,
                          InvitationAcceptanceService acceptance, MemberService members, PasswordResets resets,
                          Outbox outbox, EmailVerifications verifications) {
        this.members = members;
        this.resets = resets;
        this.verifications = verifications;
        this.outbox = outbox;
        this.context = context;
        this.transactions = transactions;
        this.accounts = accounts;
        this.markers = markers;
        this.tokens = tokens;
        this.credentials = new Credentials(hasher, tokens, context.random());
        this.limits = limits;
        this.tenants = tenants;
        this.acceptance = acceptance;
    }

    @Override
    public SignupResult signup(NewAccount.Builder request) {
        limits.signup(request.clientAddress());
        NewAccount c = request.build();
        Account account = new Account(new UserId(context.ids().next()), c.email(), credentials.hash(c.password()),
                c.firstName(), c.lastName(), PlatformRole.NONE, context.now());
        SecretToken token = SecretToken.generate(context.random());
        if (!context.settings().requireVerifiedEmail()) {
            // The session is issued in the sign-up's transaction, as for an accept: a sign-up whose
            // session cannot be written never happened, so the retry is not told "email taken".
            return SignupResult.signedIn(transactions.inTransaction(() -> {
                addWithVerification(account, token);
                return credentials.signIn(account, c.origin());
            }));
        }
        // Verified emails required: no session, and the same answer (after the same hashing) for
        // a taken email, so that sign-up tells nobody which addresses have accounts. The owner of
        // a taken address learns of the attempt by email instead.
        if (accounts.byEmail(account.email()).isPresent()) {
            noticeSignupAttempt(account.email());
            return SignupResult.checkYourEmail();
        }
        try {
            transactions.run(() -> addWithVerification(account, token));
        } catch (DomainException taken) {
            if (taken.code() != ErrorCode.EMAIL_TAKEN) {
                throw taken;
            }
            noticeSignupAttempt(account.email()); // a concurrent sign-up took it meanwhile
        }
        return SignupResult.checkYourEmail();
    }

    private void addWithVerification(Account account, SecretToken token) {
        accounts.add(account);
        context.audit(account.createdAt(), account.id(), EventType.ACCOUNT_CREATED, null, account.id(), Map.of());
        queueVerification(account, token, account.createdAt());
    }

    /** Tells the owner of {@code email} that someone tried to sign up with it; a few times an hour at most. */
    private void noticeSignupAttempt(EmailAddress email) {
        if (!limits.signupNotice(email.value())) {
            return; // a flood of sign-ups with one address does not become a flood of emails to it
        }
        Instant now = context.now();
        LocaleTag language = accounts.byEmail(email).map(Account::locale).orElse(null); // the owner's
        transactions.run(() -> {
            outbox.enqueue(OutboxMessage.queue(new OutboxMessageId(context.ids().next()),
                    new SignupAttemptMail.Queued(email, context.settings().platformName(), language), null,
                    SignupAttemptMail.KIND + ":" + email.value(), now));
            context.audit(now, null, EventType.ACCOUNT_SIGNUP_ATTEMPTED, null, null, Map.of());
        });
    }

    /**
     * In the caller's transaction: supersedes the account's unused verification tokens and
     * withdraws their unsent emails, adds a new token (digest only) and queues its email.
     */
    private void queueVerification(Account account, SecretToken token, Instant now) {
        UserId user = account.id();
        Instant expiresAt = now.plus(Duration.ofHours(EMAIL_VERIFICATION_HOURS));
        int superseded = verifications.supersedeUnused(user, now);
        int withdrawn = outbox.withdraw(verificationMailsOf(user));
        verifications.add(EmailVerification.issue(new EmailVerificationId(context.ids().next()), user, token.digest(),
                now, expiresAt));
        outbox.enqueue(OutboxMessage.queue(new OutboxMessageId(context.ids().next()),
                new EmailVerificationMail.Queued(account.email(), context.settings().platformName(), expiresAt,
                        EMAIL_VERIFICATION_HOURS, account.locale()),
                token.reveal(), verificationMailsOf(user), now));
        context.audit(now, null, EventType.ACCOUNT_VERIFICATION_EMAIL_QUEUED, null, user,
                Map.of("superseded_tokens", Integer.toString(superseded), "withdrawn_emails",
                        Integer.toString(withdrawn)));
    }

    /** What the outbox names a verification email by, so that a newer one or a use withdraws the unsent ones. */
    private static String verificationMailsOf(UserId user) {
        return EmailVerificationMail.KIND + ":" + user;
    }

    @Override
    public AuthResult verifyEmail(VerifyEmail request) {
        limits.invitationLink(request.clientAddress());
        TokenDigest digest = parseVerificationToken(request.token()).digest();
        Instant now = context.now();
        EmailVerification verification = verifications.byDigest(digest).filter(v -> v.usableAt(now))
                .orElseThrow(AccountService::invalidVerificationToken);
        Account account = accounts.byId(verification.userId()).orElseThrow(AccountService::invalidVerificationToken);
        // The link proves the address; the password, that whoever follows it chose the account.
        // Without it, someone who signed up with another's address could have its owner verify
        // the account, and keep signing in to it with the password they chose.
        FieldErrors in = new FieldErrors();
        Password presented = in.required("password", request.password(), Password::presented);
        in.throwIfAny();
        limits.login(request.clientAddress(), account.email().value()); // one guessing budget
        Account checked = credentials.requirePassword(account, presented);
        return transactions.inTransaction(() -> {
            requireUnchanged(checked);
            if (!verifications.markUsed(verification.id(), now)) {
                throw invalidVerificationToken(); // used by a concurrent request meanwhile
            }
            verifications.supersedeUnused(account.id(), now);
            outbox.withdraw(verificationMailsOf(account.id()));
            if (!accounts.markEmailVerified(account.id(), now)) {
                throw invalidVerificationToken();
            }
            // Sessions made before the address was proven end.
            tokens.revokeAll(account.id());
            context.audit(now, account.id(), EventType.ACCOUNT_EMAIL_VERIFIED, null, account.id(), Map.of());
            return credentials.signIn(account.verifiedAt(now), request.origin());
        });
    }

    @Override
    public void resendVerificationEmail(VerificationEmailRequest request) {
        FieldErrors in = new FieldErrors();
        EmailAddress email = in.required("email", request.email(), EmailAddress::of);
        in.throwIfAny();
        limits.verificationResend(request.clientAddress(), email.value());
        // Made whether or not it is sent, so that every answer costs about the same.
        SecretToken token = SecretToken.generate(context.random());
        TokenDigest unused = token.digest();
        Optional<Account> account = accounts.byEmail(email).filter(a -> !a.isEmailVerified());
        if (account.isEmpty()) {
            return;
        }
        Instant now = context.now();
        transactions.run(() -> {
            Optional<Instant> last = verifications.lastIssuedAt(account.get().id());
            if (last.isPresent() && now.isBefore(last.get().plusSeconds(VERIFICATION_RESEND_COOLDOWN_SECONDS))) {
                return; // the previous email went out moments ago
            }
            queueVerification(account.get(), token, now);
        });
    }

    private static SecretToken parseVerificationToken(String presented) {
        try {
            return SecretToken.parse(presented);
        } catch (DomainException notOurs) {
            throw invalidVerificationToken();
        }
    }

    private static RuleViolationException invalidVerificationToken() {
        return new RuleViolationException(ErrorCode.INVALID_VERIFICATION_TOKEN,
                "the verification link is unknown, used or expired; ask for a new one");
    }

    @Override
    public AuthResult login(LogIn attempt) {
        // Refused before it counts: a log-in that could never succeed creates no counter.
        Password presented = presented(attempt.email(), attempt.password());
        limits.login(attempt.clientAddress(), attempt.email());
        Optional<Account> account;
        try {
            account = accounts.byEmail(EmailAddress.of(attempt.email()));
        } catch (DomainException notAnEmail) {
            account = Optional.empty(); // answered like an unknown email, after the same work
        }
        Account signedIn = credentials.requirePassword(account, presented);
        // Only after the password matched: this tells nothing to whoever does not know it.
        if (context.settings().requireVerifiedEmail() && !signedIn.isEmailVerified()) {
            throw emailNotVerified();
        }
        Account checked = signedIn;
        return transactions.inTransaction(() -> {
            requireUnchanged(checked);
            return credentials.signIn(checked, attempt.origin());
        });
    }

    /**
     * In the transaction that writes a session for an account whose password was checked before
     * it (hashing is slow and never holds a lock): locks the account and refuses, as a wrong
     * password, when its password changed since the check. A reset, a claim by an invitation
     * link or an operator that set the password meanwhile ended every session; without this, a
     * sign-in with the old password that was still hashing would add one after they did. One that
     * sets it after the lock waits for this session, and then ends it with the others.
     */
    private void requireUnchanged(Account checked) {
        PasswordHash current = accounts.lockCredentials(checked.id()).orElseThrow(Credentials::invalid);
        if (!current.equals(checked.passwordHash())) {
            throw Credentials.invalid();
        }
    }

    static RuleViolationException emailNotVerified() {
        return new RuleViolationException(ErrorCode.EMAIL_NOT_VERIFIED,
                "the email of this account is not verified yet: follow the link in the verification email");
    }

    private static Password presented(String email, String password) {
        FieldErrors in = new FieldErrors();
        in.required("email", email, Function.identity());
        Password presented = in.required("password", password, Password::presented);
        in.throwIfAny();
        return presented;
    }

    @Override
    public AuthResult refresh(String refreshToken) {
        var issued = tokens.refresh(refreshToken);
        Account account = accounts.byId(issued.user()).filter(context::maySignIn).orElseThrow(Access::unauthenticated);
        return new AuthResult(UserView.of(account), issued.accessToken(), issued.refreshToken(),
                issued.accessTokenTtl().toSeconds());
    }

    @Override
    public void requestPasswordReset(PasswordResetRequest request) {
        FieldErrors in = new FieldErrors();
        EmailAddress email = in.required("email", request.email(), EmailAddress::of);
        in.throwIfAny();
        limits.passwordReset(request.clientAddress(), email.value());
        // The token is made (and digested) whether or not the email has an account, so both
        // answers cost about the same; only an existing account's is ever stored and sent.
        SecretToken token = SecretToken.generate(context.random());
        TokenDigest digest = token.digest();
        Optional<Account> account = accounts.byEmail(email);
        if (account.isEmpty()) {
            return;
        }
        UserId user = account.get().id();
        Instant now = context.now();
        Instant expiresAt = now.plus(Duration.ofMinutes(PASSWORD_RESET_MINUTES));
        transactions.run(() -> {
            // A newer request supersedes the older tokens: their links stop working, and their
            // unsent emails go with them (as a resend does for an invitation).
            int superseded = resets.supersedeUnused(user, now);
            int withdrawn = outbox.withdraw(resetMailsOf(user));
            resets.add(PasswordReset.issue(new PasswordResetId(context.ids().next()), user, digest, now, expiresAt));
            outbox.enqueue(OutboxMessage.queue(new OutboxMessageId(context.ids().next()),
                    new PasswordResetMail.Queued(email, context.settings().platformName(), expiresAt,
                            PASSWORD_RESET_MINUTES, account.get().locale()),
                    token.reveal(), resetMailsOf(user), now));
            context.audit(now, null, EventType.ACCOUNT_PASSWORD_RESET_REQUESTED, null, user,
                    Map.of("superseded_tokens", Integer.toString(superseded), "withdrawn_emails",
                            Integer.toString(withdrawn)));
        });
    }

    @Override
    public void resetPassword(ResetPassword.Builder request) {
        limits.invitationLink(request.clientAddress());
        TokenDigest digest = parseResetToken(request.token()).digest();
        Instant now = context.now();
        PasswordReset reset = resets.byDigest(digest).filter(r -> r.usableAt(now))
                .orElseThrow(AccountService::invalidResetToken);
        Account account = accounts.byId(reset.userId()).orElseThrow(AccountService::invalidResetToken);
        ResetPassword command = request.build(account.email());
        // The slow part (password hashing) happens before the transaction, never inside it.
        PasswordHash hash = credentials.hash(command.password()); // NFKC, as every password
        transactions.run(() -> {
            if (!resets.markUsed(reset.id(), now)) {
                throw invalidResetToken(); // used by a concurrent reset meanwhile
            }
            resets.supersedeUnused(account.id(), now);
            outbox.withdraw(resetMailsOf(account.id()));
            if (!accounts.changePassword(account.id(), hash)) {
                throw invalidResetToken();
            }
            // The address is proven now: an older verification link must not end the sessions
            // made with the new password later.
            verifications.supersedeUnused(account.id(), now);
            outbox.withdraw(verificationMailsOf(account.id()));
            // Whoever held a session (maybe whoever learned the old password) is signed out.
            tokens.revokeAll(account.id());
            // The link came to the address: it is the account holder's.
            accounts.markEmailVerified(account.id(), now);
            context.audit(now, account.id(), EventType.ACCOUNT_PASSWORD_RESET, null, account.id(), Map.of());
        });
    }

    /** What the outbox names a reset email by, so that a newer request or a reset withdraws the unsent ones. */
    private static String resetMailsOf(UserId user) {
        return PasswordResetMail.KIND + ":" + user;
    }

    private static SecretToken parseResetToken(String presented) {
        try {
            return SecretToken.parse(presented);
        } catch (DomainException notOurs) {
            throw invalidResetToken();
        }
    }

    private static RuleViolationException invalidResetToken() {
        return new RuleViolationException(ErrorCode.INVALID_RESET_TOKEN,
                "the reset link is unknown, used or expired; ask for a new one");
    }

    @Override
    public void logout(String accessToken) {
        tokens.revoke(accessToken);
    }

    @Override
    public Optional<Actor> authenticate(String accessToken) {
        return tokens.authenticate(accessToken, SessionKind.API, accounts)
                .map(SessionTokens.SignedIn::account)
                .filter(context::maySignIn)
                .map(account -> new Actor(account.id(), account.platformRole()));
    }

    @Override
    public MeView me(Actor actor) {
        Account account = requireAccount(Access.requireActor(actor).id());
        Page<MembershipView> first = tenants.membershipPage(account.id(), null, ME_MEMBERSHIPS);
        return new MeView(UserView.of(account), account.isEmailVerified(), first.items(), first.nextCursor(),
                account.locale() == null ? null : account.locale().value());
    }

    @Override
    public MeView changeLocale(Actor actor, String locale) {
        Account account = requireAccount(Access.requireActor(actor).id());
        LocaleTag chosen = null;
        if (locale != null) {
            try {
                chosen = Locales.requireOffered(context.settings(), LocaleTag.parse(locale));
            } catch (InvalidValueException malformed) { // not even a language: as unsupported as any other
                throw new InvalidValueException(ErrorCode.UNSUPPORTED_LOCALE, malformed.getMessage());
            }
        }
        LocaleTag set = chosen;
        Instant now = context.now();
        transactions.run(() -> {
            if (!accounts.changeLocale(account.id(), set)) {
                throw Access.unauthenticated();
            }
            context.audit(now, account.id(), EventType.ACCOUNT_LOCALE_CHANGED, null, account.id(),
                    Map.of("locale", set == null ? "" : set.value()));
        });
        return me(actor);
    }

    @Override
    public AcceptResult acceptInvitation(AcceptInvitation.Builder request, OwnerCredentials given) {
        TenantInvitation invitation = acceptance.open(request.token(), request.clientAddress());
        FieldErrors in = new FieldErrors();
        LinkCredentials link = linkCredentials(invitation.email(), given, in);
        AcceptInvitation details = request.build(in);
        in.throwIfAny();
        Subdomain subdomain = acceptance.subdomain(details);
        Account owner = linkHolder(link, invitation.email(), request.clientAddress());
        TenantId tenantId = new TenantId(context.ids().next());
        Instant now = context.now();
        // The owner's session is issued inside the same transaction: an accept that commits
        // has its tokens, and one whose session cannot be issued never happened, so that
        // an accept is never answered with an error after it committed (a retry then works).
        return acceptance.withSuggestions(now, () -> transactions.inTransaction(() -> {
            AcceptedInvitation accepted = acceptance.acceptInTransaction(invitation, details, subdomain, tenantId,
                    owner.id(), link.newAccount() ? () -> accounts.add(owner) : null, now);
            settle(link, owner, tenantId, now);
            AuthResult session = credentials.signIn(owner, details.origin());
            TenantView tenant = acceptance.withOwner(accepted.tenant(),
                    new TenantView.Member(UserView.of(owner), Role.OWNER, now));
            return new AcceptResult(session, tenant);
        }));
    }

    @Override
    public MemberAcceptResult acceptMemberInvitation(String token, OwnerCredentials given, String clientAddress) {
        MemberInvitation invitation = members.open(token, clientAddress);
        FieldErrors in = new FieldErrors();
        LinkCredentials link = linkCredentials(invitation.email(), given, in);
        in.throwIfAny();
        Account user = linkHolder(link, invitation.email(), clientAddress);
        Instant now = context.now();
        // As for a tenant invitation: the session is issued in the accept's transaction.
        return transactions.inTransaction(() -> {
            JoinResult joined = members.acceptInTransaction(invitation, user.id(),
                    link.newAccount() ? () -> accounts.add(user) : null, now);
            settle(link, user, invitation.tenantId(), now);
            return new MemberAcceptResult(credentials.signIn(user, new SessionOrigin(clientAddress, null)), joined);
        });
    }

    @Override
    public JoinResult acceptMemberInvitation(Actor actor, String token, String clientAddress) {
        Account account = requireAccount(Access.requireActor(actor).id());
        MemberInvitation invitation = members.open(token, clientAddress);
        MemberService.requireAddressed(invitation, account.email());
        Instant now = context.now();
        return transactions.inTransaction(() -> {
            JoinResult joined = members.acceptInTransaction(invitation, account.id(), null, now);
            if (!account.isEmailVerified()) {
                // The link came to the address: it is the account holder's.
                if (!accounts.markEmailVerified(account.id(), now)) {
                    throw Access.unauthenticated(); // the account is gone: the accept rolls back
                }
                verifications.supersedeUnused(account.id(), now);
                outbox.withdraw(verificationMailsOf(account.id()));
                context.audit(now, account.id(), EventType.ACCOUNT_EMAIL_VERIFIED, invitation.tenantId(), account.id(),
                        Map.of("via", "member_invitation"));
            }
            return joined;
        });
    }

    /**
     * How the holder of an invitation link signs in, as read from the credentials they gave:
     * with the existing account of the invitation's email ({@code signingIn}), by claiming that
     * account when its email was never verified ({@code claiming}), or with a new account.
     */
    private record LinkCredentials(Optional<Account> existing, boolean claiming, boolean signingIn, Password password,
                                   Name firstName, Name lastName) {
        boolean newAccount() {
            return existing.isEmpty();
        }
    }

    /**
     * Reads the credentials of a link holder for {@code email}, recording what is missing or
     * malformed in {@code in} (the caller adds its own fields, then throws).
     */
    private LinkCredentials linkCredentials(EmailAddress email, OwnerCredentials given, FieldErrors in) {
        OwnerCredentials creds = given == null ? new OwnerCredentials(null, null, null) : given;
        Optional<Account> existing = accounts.byEmail(email);
        // The link proves the address: an account whose email was never verified (maybe made by
        // someone who does not own the address) is claimed by the link holder, with no password
        // to guess.
        boolean claiming = existing.isPresent() && !existing.get().isEmailVerified();
        // Credentials without names sign in with an account, whether or not one exists: such a
        // request is answered alike for an unknown account and a wrong password (below).
        boolean signingIn = !claiming
                && (existing.isPresent() || (creds.firstName() == null && creds.lastName() == null));
        Password password = signingIn
                ? in.required("password", creds.password(), Password::presented)
                : in.required("password", creds.password(), raw -> Password.forAccount(raw, email));
        boolean names = !claiming || creds.firstName() != null || creds.lastName() != null;
        Name firstName = signingIn || !names ? null : in.required("firstName", creds.firstName(), Name::of);
        Name lastName = signingIn || !names ? null : in.required("lastName", creds.lastName(), Name::of);
        return new LinkCredentials(existing, claiming, signingIn, password, firstName, lastName);
    }

    /**
     * The account the link holder signs in with, before the accept's transaction (password
     * hashing is slow and never holds a lock): the existing one if the password is its own, the
     * claimed one with the new password and names, or a new one whose email the link proved.
     */
    private Account linkHolder(LinkCredentials link, EmailAddress email, String clientAddress) {
        if (link.signingIn()) {
            // One guessing budget: a password tried here counts against the same allowances per
            // address and per email as a log-in, and an unknown account is refused like a wrong
            // password, after the same work.
            limits.login(clientAddress, email.value());
            return credentials.requirePassword(link.existing(), link.password());
        }
        if (link.claiming()) {
            Account old = link.existing().get();
            return new Account(old.id(), old.email(), credentials.hash(link.password()),
                    link.firstName() != null ? link.firstName() : old.firstName(),
                    link.lastName() != null ? link.lastName() : old.lastName(),
                    old.platformRole(), old.createdAt(), context.now());
        }
        // The link proved the address.
        Instant created = context.now();
        return new Account(new UserId(context.ids().next()), email, credentials.hash(link.password()),
                link.firstName(), link.lastName(), PlatformRole.NONE, created, created);
    }

    /** In the accept's transaction: the claim of an unverified account, or the check that a signed-in one is unchanged. */
    private void settle(LinkCredentials link, Account holder, TenantId tenant, Instant now) {
        if (link.claiming()) {
            claim(holder, tenant, now);
        } else if (link.signingIn()) {
            requireUnchanged(holder);
        }
    }

    /**
     * In the accept's transaction: the link holder takes over an account whose email was never
     * verified. Its password (and names, when given) become the link holder's, every session
     * made before ends, the email is verified, and the audit says so.
     */
    private void claim(Account owner, TenantId tenant, Instant now) {
        if (!accounts.changePassword(owner.id(), owner.passwordHash())
                || !accounts.rename(owner.id(), owner.firstName(), owner.lastName())
                || !accounts.markEmailVerified(owner.id(), now)) {
            throw new IllegalStateException("the account being claimed is gone"); // rolls the accept back
        }
        tokens.revokeAll(owner.id());
        verifications.supersedeUnused(owner.id(), now);
        outbox.withdraw(verificationMailsOf(owner.id()));
        context.audit(now, owner.id(), EventType.ACCOUNT_CLAIMED_BY_INVITATION, tenant, owner.id(), Map.of());
    }

    private Account requireAccount(UserId id) {
        return accounts.byId(id).orElseThrow(Access::unauthenticated);
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
        // Verified by whoever set the deployment up (as migration V7 counts earlier admins).
        Account admin = new Account(new UserId(context.ids().next()), adminEmail, credentials.hash(adminPassword),
                Name.of("Platform"), Name.of("Admin"), PlatformRole.PLATFORM_ADMIN, now, now);
        boolean created = transactions.inTransaction(() -> {
            if (!markers.place(FIRST_ADMIN_MARKER, now)) {
                return false; // another node made the first admin since we looked
            }
            accounts.add(admin); // email_taken (an ordinary account has it) rolls the marker back too
            context.audit(now, admin.id(), EventType.ACCOUNT_PLATFORM_ADMIN_CREATED, null, admin.id(), Map.of());
            return true;
        });
        return created ? Optional.of(new FirstAdmin(adminEmail.value(), generated)) : Optional.empty();
    }
}

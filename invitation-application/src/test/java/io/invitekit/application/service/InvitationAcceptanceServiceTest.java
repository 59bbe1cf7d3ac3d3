package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.config.RateLimits;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InvitationAcceptanceServiceTest {
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();

    @Test
    void previewShowsTheOfferAndChangesNothing() {
        InvitationView inv = t.kit.invitations().create(admin, TestKit.invitation("owner@example.org")
                .tier(SubscriptionTier.ENTERPRISE).grant(PlatformPermission.CAN_USE_CUSTOM_DOMAIN).reserveSubdomain("bright"));

        InvitationPreview preview = t.kit.acceptance().preview(t.tokenOf(inv));
        t.kit.acceptance().preview(t.tokenOf(inv));

        assertThat(preview.email()).isEqualTo("owner@example.org");
        assertThat(preview.suggestedBusinessName()).isEqualTo("Bright Bakery");
        assertThat(preview.subscriptionTier()).isEqualTo("ENTERPRISE");
        assertThat(preview.maxUsers()).isNull();
        assertThat(preview.permissions()).containsExactly(PlatformPermission.CAN_USE_CUSTOM_DOMAIN);
        assertThat(preview.reservedSubdomain()).isEqualTo("bright");
        assertThat(preview.inviterName()).isEqualTo("Platform Admin");
        assertThat(preview.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(t.kit.invitations().get(admin, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void unknownAndMalformedTokensAreNotFound() {
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview("A".repeat(43)));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview("../../etc/passwd"));
        refused(ErrorCode.NOT_FOUND, () -> t.accept(null, "bright"));
    }

    @Test
    void deadInvitationsSayWhyTheyAreDead() {
        InvitationView expiring = t.invite(admin, "late@example.org");
        InvitationView cancelled = t.invite(admin, "gone@example.org");
        String cancelledToken = t.tokenOf(cancelled); // cancelling withdraws the unsent email, and its token with it
        t.kit.invitations().cancel(admin, cancelled.id());
        InvitationView accepted = t.invite(admin, "done@example.org");
        String acceptedToken = t.tokenOf(accepted); // accepting withdraws the unsent email, and its token with it
        t.accept(acceptedToken, "done");
        t.clock.advance(Duration.ofDays(7));

        refused(ErrorCode.INVITATION_EXPIRED, () -> t.kit.acceptance().preview(t.tokenOf(expiring)));
        refused(ErrorCode.INVITATION_EXPIRED, () -> t.accept(t.tokenOf(expiring), "late"));
        refused(ErrorCode.INVITATION_CANCELLED, () -> t.kit.acceptance().preview(cancelledToken));
        refused(ErrorCode.INVITATION_ACCEPTED, () -> t.kit.acceptance().preview(acceptedToken));
        refused(ErrorCode.INVITATION_ACCEPTED, () -> t.accept(acceptedToken, "other"));
    }

    @Test
    void acceptCreatesTenantDomainOwnerAndMembershipAndSignsTheOwnerIn() {
        InvitationView inv = t.kit.invitations().create(admin, NewTenantInvitation.to("owner@example.org").tier("STARTER")
                .customMaxResources(40).grant(PlatformPermission.CAN_ACCEPT_PAYMENTS).flag("calendars", true));

        AcceptResult result = t.kit.accounts().acceptInvitation(AcceptInvitation.token(t.tokenOf(inv))
                        .businessName("Bright Bakery").subdomain("Bright-Bakery").contactEmail("contact@bright.example")
                        .phone("+1 (555) 010-0000"),
                OwnerCredentials.password(TestKit.PASSWORD).name("Grace", "Hopper"));

        assertThat(result.tenant().subdomain()).isEqualTo("bright-bakery");
        assertThat(result.tenant().domain()).isEqualTo("bright-bakery.acme.test");
        assertThat(result.tenant().subscriptionTier()).isEqualTo("STARTER");
        assertThat(result.tenant().maxUsers()).isEqualTo(10);
        assertThat(result.tenant().maxResources()).isEqualTo(40);
        assertThat(result.tenant().permissions()).containsExactly(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        assertThat(result.tenant().featureFlags()).containsEntry("calendars", true);
        assertThat(result.tenant().contactEmail()).isEqualTo("contact@bright.example");
        assertThat(result.auth().user().email()).isEqualTo("owner@example.org");
        assertThat(result.auth().expiresInSeconds()).isEqualTo(3600);

        Actor owner = t.kit.accounts().authenticate(result.auth().accessToken()).orElseThrow();
        assertThat(t.kit.accounts().me(owner).memberships()).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(Role.OWNER);
            assertThat(m.subdomain()).isEqualTo("bright-bakery");
        });
        InvitationView after = t.kit.invitations().get(admin, inv.id());
        assertThat(after.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(after.acceptedAt()).isEqualTo(TestKit.START);
        assertThat(after.createdTenantId()).isEqualTo(result.tenant().id());
        assertThat(after.createdUserId()).isEqualTo(owner.id());
        assertThat(t.kit.subdomains().check("bright-bakery").reason()).isEqualTo(Refusal.TAKEN);
        assertThat(t.storage.auditLog().events()).anyMatch(e -> e.action().equals("tenant_invitation.accepted"));
    }

    @Test
    void anExistingAccountKeepsItsNamesAndMustGiveItsOwnPassword() {
        t.verifiedSignup("owner@example.org");
        InvitationView inv = t.invite(admin, "owner@example.org");

        AcceptInvitation.Builder acceptance = AcceptInvitation.token(t.tokenOf(inv)).businessName("Bright").subdomain("bright");
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().acceptInvitation(acceptance,
                OwnerCredentials.password("not the password").name("X", "Y")));
        AcceptResult result = t.kit.accounts().acceptInvitation(acceptance, OwnerCredentials.password(TestKit.PASSWORD));

        assertThat(result.auth().user().firstName()).isEqualTo("Ada");
        assertThat(t.storedTenants()).hasSize(1);
    }

    @Test
    void wrongPasswordsAtAcceptSpendTheSameBudgetPerEmailAsLogIn() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerEmail(new RateLimit("login_email", 3, Duration.ofMinutes(15)))));
        Actor root = limited.admin();
        limited.verifiedSignup("owner@example.org");
        InvitationView inv = limited.invite(root, "owner@example.org");
        AcceptInvitation.Builder acceptance = TestKit.acceptance(limited.tokenOf(inv), "bright");

        refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().login(LogIn.with("owner@example.org", "guess 1")));
        for (String guess : List.of("guess 2", "guess 3")) {
            refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().acceptInvitation(
                    acceptance, OwnerCredentials.password(guess)));
        }

        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().acceptInvitation(acceptance,
                OwnerCredentials.password(TestKit.PASSWORD)));
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().login(LogIn.with("owner@example.org", TestKit.PASSWORD)));
        assertThat(limited.kit.invitations().get(root, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);
        limited.clock.advance(Duration.ofMinutes(15));
        assertThat(limited.kit.accounts().acceptInvitation(acceptance, OwnerCredentials.password(TestKit.PASSWORD))
                .auth().user().email()).isEqualTo("owner@example.org");
    }

    @Test
    void passwordsTriedAtAcceptSpendTheSameBudgetPerAddressAsLogIn() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerAddress(new RateLimit("login_address", 2, Duration.ofMinutes(1)))));
        Actor root = limited.admin();
        limited.verifiedSignup("owner@example.org");
        limited.verifiedSignup("other@example.org");
        InvitationView inv = limited.invite(root, "owner@example.org");
        AcceptInvitation.Builder fromOne = TestKit.acceptance(limited.tokenOf(inv), "bright").from("203.0.113.9");

        refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().acceptInvitation(fromOne,
                OwnerCredentials.password("guess 1").name("X", "Y")));
        refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().login(
                LogIn.with("other@example.org", "guess 2").from("203.0.113.9")));

        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().acceptInvitation(fromOne,
                OwnerCredentials.password(TestKit.PASSWORD)));
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().login(
                LogIn.with("other@example.org", TestKit.PASSWORD).from("203.0.113.9")));
        assertThat(limited.kit.accounts().acceptInvitation(
                        TestKit.acceptance(limited.tokenOf(inv), "bright").from("203.0.113.10"),
                        OwnerCredentials.password(TestKit.PASSWORD)).auth().user().email())
                .isEqualTo("owner@example.org");
    }

    @Test
    void aPasswordWithoutNamesIsAnsweredAlikeForAnUnknownAccountAndAWrongPassword() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerEmail(new RateLimit("login_email", 2, Duration.ofMinutes(15)))));
        Actor root = limited.admin();
        limited.verifiedSignup("known@example.org");
        InvitationView known = limited.invite(root, "known@example.org");
        InvitationView unknown = limited.invite(root, "unknown@example.org");

        DomainException wrong = refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().acceptInvitation(
                TestKit.acceptance(limited.tokenOf(known), "known"), OwnerCredentials.password("x")));
        DomainException none = refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().acceptInvitation(
                TestKit.acceptance(limited.tokenOf(unknown), "unknown"), OwnerCredentials.password("x")));

        assertThat(none.getMessage()).isEqualTo(wrong.getMessage());
        assertThat(none.getClass()).isEqualTo(wrong.getClass());
        // Both spend the budget alike, so running it out tells nothing either.
        refused(ErrorCode.INVALID_CREDENTIALS, () -> limited.kit.accounts().acceptInvitation(
                TestKit.acceptance(limited.tokenOf(unknown), "unknown"), OwnerCredentials.password(TestKit.PASSWORD)));
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().acceptInvitation(
                TestKit.acceptance(limited.tokenOf(unknown), "unknown"), OwnerCredentials.password(TestKit.PASSWORD)));
        assertThat(limited.storage.accounts().byEmail(io.invitekit.domain.shared.EmailAddress.of("unknown@example.org")))
                .isEmpty();
        // With names, the invitee without an account creates it, as before.
        assertThat(limited.kit.accounts().acceptInvitation(TestKit.acceptance(limited.tokenOf(unknown), "unknown"),
                TestKit.owner()).auth().user().email()).isEqualTo("unknown@example.org");
    }

    @Test
    void refusesWeakPasswordsMissingNamesAndBadContactDetails() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.accounts().acceptInvitation(AcceptInvitation.token(t.tokenOf(inv)).businessName("Bright")
                        .subdomain("bright").contactEmail("nope").phone("call me"),
                        OwnerCredentials.password("owner@example.org").name(" ", null)));
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("password", "firstName", "lastName", "contactEmail", "phone");
        assertThat(t.kit.invitations().get(admin, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void refusesAnInvalidOrReservedSubdomainAsInvalidSubdomain() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.accept(t.tokenOf(inv), "www"));
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.accept(t.tokenOf(inv), "xn--abc"));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.accept(t.tokenOf(inv), null));
    }

    @Test
    void aTakenSubdomainIsRefusedWithSuggestionsAndNothingIsWritten() {
        t.family(t.newUser(), "Bright");
        InvitationView inv = t.invite(admin, "owner@example.org");

        SubdomainTakenException taken = (SubdomainTakenException) refused(ErrorCode.SUBDOMAIN_TAKEN,
                () -> t.accept(t.tokenOf(inv), "bright"));

        assertThat(taken.suggestions()).extracting(Object::toString).containsExactly("bright-2", "bright-3", "bright-4");
        assertThat(t.kit.invitations().get(admin, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(t.storage.accounts().byEmail(io.invitekit.domain.shared.EmailAddress.of("owner@example.org"))).isEmpty();
        assertThat(t.accept(t.tokenOf(inv), "bright-2").tenant().subdomain()).isEqualTo("bright-2");
    }

    @Test
    void theOwnerMayTakeTheReservedSubdomainOrAnotherFreeOneWhichFreesTheReservation() {
        InvitationView first = t.kit.invitations().create(admin, NewTenantInvitation.to("a@example.org").reserveSubdomain("alpha"));
        InvitationView second = t.kit.invitations().create(admin, NewTenantInvitation.to("b@example.org").reserveSubdomain("beta"));

        refused(ErrorCode.SUBDOMAIN_TAKEN, () -> t.accept(t.tokenOf(first), "beta"));
        assertThat(t.accept(t.tokenOf(first), "alpha").tenant().subdomain()).isEqualTo("alpha");
        assertThat(t.accept(t.tokenOf(second), "gamma").tenant().subdomain()).isEqualTo("gamma");
        assertThat(t.kit.subdomains().check("beta").available()).isTrue();
    }

    @Test
    void aFailureHalfwayThroughAcceptLeavesNothingWritten() {
        TestKit failing = new TestKit(s -> s, (b, store) -> b.storage(
                TestKit.withAccounts(store, new FailingAfterAddAccounts(store.accounts()))));
        InMemoryStorage storage = failing.storage;
        Actor root = failing.admin();
        InvitationView inv = failing.invite(root, "owner@example.org");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> failing.accept(failing.tokenOf(inv), "bright"))
                .hasMessageContaining("disk on fire");

        assertThat(failing.kit.invitations().get(root, inv.id()).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(TestKit.tenantsIn(storage)).isEmpty();
        assertThat(storage.accounts().byEmail(io.invitekit.domain.shared.EmailAddress.of("owner@example.org"))).isEmpty();
        assertThat(failing.kit.subdomains().check("bright").available()).isTrue();
        assertThat(storage.auditLog().events()).noneMatch(e -> e.action().equals("tenant_invitation.accepted"));
        assertThat(failing.kit.acceptance().preview(failing.tokenOf(inv)).status()).isEqualTo(InvitationStatus.PENDING);
    }

    /**
     * Two accepts of one link by an owner without an account: the second looked for the account
     * before the first created it, and claims the invitation after the first committed. It must
     * lose on the invitation (as every loser does) before it writes an account of its own.
     */
    @Test
    void anAcceptThatLostTheRaceIsToldTheInvitationWasAcceptedAndWritesNothing() {
        AtomicReference<Runnable> afterNextLookUp = new AtomicReference<>();
        TestKit racing = new TestKit(s -> s, (b, store) -> b.storage(TestKit.withAccounts(store,
                new LookUpThenRun(store.accounts(), afterNextLookUp))));
        Actor root = racing.admin();
        InvitationView inv = racing.invite(root, "owner@example.org");
        String token = racing.tokenOf(inv);
        AtomicReference<AcceptResult> first = new AtomicReference<>();
        afterNextLookUp.set(() -> first.set(racing.accept(token, "first")));

        refused(ErrorCode.INVITATION_ACCEPTED, () -> racing.accept(token, "second"));

        assertThat(first.get().tenant().subdomain()).isEqualTo("first");
        UserId owner = racing.kit.invitations().get(root, inv.id()).createdUserId();
        assertThat(owner).isEqualTo(first.get().auth().user().id());
        assertThat(racing.storage.accounts().byId(owner)).isPresent();
        assertThat(racing.storedTenants()).hasSize(1);
        assertThat(racing.kit.subdomains().check("second").available()).isTrue();
    }

    /** Accounts that run something right after the next look-up by email has answered. */
    private record LookUpThenRun(io.invitekit.application.port.out.Accounts delegate,
                                 AtomicReference<Runnable> afterNextLookUp) implements io.invitekit.application.port.out.Accounts {
        @Override
        public java.util.Optional<io.invitekit.domain.account.Account> byEmail(io.invitekit.domain.shared.EmailAddress email) {
            java.util.Optional<io.invitekit.domain.account.Account> found = delegate.byEmail(email);
            Runnable meanwhile = afterNextLookUp.getAndSet(null);
            if (meanwhile != null) {
                meanwhile.run();
            }
            return found;
        }

        @Override
        public void add(io.invitekit.domain.account.Account account) {
            delegate.add(account);
        }

        @Override
        public java.util.Optional<io.invitekit.domain.account.Account> byId(UserId id) {
            return delegate.byId(id);
        }

        @Override
        public java.util.List<io.invitekit.domain.account.Account> byIds(java.util.Collection<UserId> ids) {
            return delegate.byIds(ids);
        }

        @Override
        public boolean anyPlatformAdmin() {
            return delegate.anyPlatformAdmin();
        }

        @Override
        public boolean changePassword(io.invitekit.domain.account.UserId id,
                                      io.invitekit.domain.account.PasswordHash hash) {
            return delegate.changePassword(id, hash);
        }

        @Override
        public boolean markEmailVerified(io.invitekit.domain.account.UserId id, java.time.Instant at) {
            return delegate.markEmailVerified(id, at);
        }

        @Override
        public boolean rename(io.invitekit.domain.account.UserId id, io.invitekit.domain.shared.Name first,
                              io.invitekit.domain.shared.Name last) {
            return delegate.rename(id, first, last);
        }

        @Override
        public boolean changeLocale(io.invitekit.domain.account.UserId id, io.invitekit.domain.shared.LocaleTag locale) {
            return delegate.changeLocale(id, locale);
        }
    }

    /** A reloaded onboarding page asks which tenant its accepted link created: only its owner is told. */
    @Test
    void theOwnerAnInvitationCreatedIsToldItsTenantAndNobodyElse() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        String token = t.tokenOf(inv);
        Actor stranger = t.user("stranger@example.org");
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().createdTenant(stranger, token, null)); // still pending
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.acceptance().createdTenant(null, token, null));

        AcceptResult result = t.accept(token, "bright");
        Actor owner = t.kit.accounts().authenticate(result.auth().accessToken()).orElseThrow();

        assertThat(t.kit.acceptance().createdTenant(owner, token, "192.0.2.1")).isEqualTo(result.tenant().id());
        refused(ErrorCode.INVITATION_ACCEPTED, () -> t.kit.acceptance().createdTenant(stranger, token, null));
        refused(ErrorCode.INVITATION_ACCEPTED, () -> t.kit.acceptance().createdTenant(admin, token, null));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().createdTenant(owner, "A".repeat(43), null));

        // Once the owner has handed the business over and left, the link leads nowhere for them either.
        t.kit.joinCodes().join(stranger, JoinWithCode.code(t.kit.joinCodes().view(owner, result.tenant().id()).code()));
        t.kit.members().transferOwnership(owner, result.tenant().id(), stranger.id());
        t.kit.members().leave(owner, result.tenant().id());
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().createdTenant(owner, token, null));
    }

    @Test
    void aCancelledOrExpiredInvitationSaysSoWhenAskedForItsTenant() {
        InvitationView cancelled = t.invite(admin, "gone@example.org");
        String cancelledToken = t.tokenOf(cancelled);
        t.kit.invitations().cancel(admin, cancelled.id());
        InvitationView expiring = t.invite(admin, "late@example.org");
        Actor asker = t.user("late@example.org");
        t.clock.advance(Duration.ofDays(7));

        refused(ErrorCode.INVITATION_CANCELLED, () -> t.kit.acceptance().createdTenant(asker, cancelledToken, null));
        refused(ErrorCode.INVITATION_EXPIRED, () -> t.kit.acceptance().createdTenant(asker, t.tokenOf(expiring), null));
    }

    @Test
    void askingForTheCreatedTenantSpendsTheLinkAllowancePerAddress() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLinkPerAddress(new RateLimit("token_address", 2, Duration.ofMinutes(1)))));
        String token = limited.tokenOf(limited.invite(limited.admin(), "owner@example.org"));
        AcceptResult result = limited.accept(token, "bright");
        Actor owner = limited.kit.accounts().authenticate(result.auth().accessToken()).orElseThrow();

        limited.kit.acceptance().createdTenant(owner, token, "192.0.2.1");
        limited.kit.acceptance().createdTenant(owner, token, "192.0.2.1");
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.acceptance().createdTenant(owner, token, "192.0.2.1"));
    }

    /** Looking links up is limited per client address, guesses included: previews and accepts alike. */
    @Test
    void invitationLinksAreLimitedPerAddressForPreviewsAndAcceptsAlike() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLinkPerAddress(new RateLimit("token_address", 3, Duration.ofMinutes(1)))));
        Actor root = limited.admin();
        String token = limited.tokenOf(limited.invite(root, "owner@example.org"));
        limited.kit.acceptance().preview(token, "192.0.2.1");
        refused(ErrorCode.NOT_FOUND, () -> limited.kit.acceptance().preview("A".repeat(43), "192.0.2.1"));
        refused(ErrorCode.NOT_FOUND, () -> limited.kit.accounts().acceptInvitation(
                TestKit.acceptance("B".repeat(43), "bright").from("192.0.2.1"), TestKit.owner()));

        RetryLaterException refusal = (RetryLaterException) refused(ErrorCode.RATE_LIMITED,
                () -> limited.kit.acceptance().preview(token, "192.0.2.1"));
        assertThat(refusal.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().acceptInvitation(
                TestKit.acceptance(token, "bright").from("192.0.2.1"), TestKit.owner()));
        assertThat(limited.storedTenants()).isEmpty();

        assertThat(limited.kit.acceptance().preview(token).status()).as("no address: no limit per address")
                .isEqualTo(InvitationStatus.PENDING);
        assertThat(limited.kit.accounts().acceptInvitation(TestKit.acceptance(token, "bright").from("192.0.2.2"),
                TestKit.owner()).tenant().subdomain()).isEqualTo("bright");
    }

    /** Writes the account, then fails as a store might: the transaction must undo everything. */
    private static final class FailingAfterAddAccounts implements io.invitekit.application.port.out.Accounts {
        private final io.invitekit.application.port.out.Accounts delegate;

        FailingAfterAddAccounts(io.invitekit.application.port.out.Accounts delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(io.invitekit.domain.account.Account account) {
            delegate.add(account);
            if (!account.isPlatformAdmin()) {
                throw new IllegalStateException("disk on fire");
            }
        }

        @Override
        public java.util.Optional<io.invitekit.domain.account.Account> byId(UserId id) {
            return delegate.byId(id);
        }

        @Override
        public java.util.Optional<io.invitekit.domain.account.Account> byEmail(io.invitekit.domain.shared.EmailAddress email) {
            return delegate.byEmail(email);
        }

        @Override
        public java.util.List<io.invitekit.domain.account.Account> byIds(java.util.Collection<UserId> ids) {
            return delegate.byIds(ids);
        }

        @Override
        public boolean anyPlatformAdmin() {
            return delegate.anyPlatformAdmin();
        }

        @Override
        public boolean changePassword(io.invitekit.domain.account.UserId id,
                                      io.invitekit.domain.account.PasswordHash hash) {
            return delegate.changePassword(id, hash);
        }

        @Override
        public boolean markEmailVerified(io.invitekit.domain.account.UserId id, java.time.Instant at) {
            return delegate.markEmailVerified(id, at);
        }

        @Override
        public boolean rename(io.invitekit.domain.account.UserId id, io.invitekit.domain.shared.Name first,
                              io.invitekit.domain.shared.Name last) {
            return delegate.rename(id, first, last);
        }

        @Override
        public boolean changeLocale(io.invitekit.domain.account.UserId id, io.invitekit.domain.shared.LocaleTag locale) {
            return delegate.changeLocale(id, locale);
        }
    }
}

package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.Invitekit;
import io.invitekit.application.TestKit;
import io.invitekit.application.config.RateLimits;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.MembershipView;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PasswordHash;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.application.port.in.AccountUseCase.FirstAdmin;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.ValidationException;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private final TestKit t = new TestKit();

    @Test
    void signUpCreatesAnAccountAndSignsItIn() {
        AuthResult result = t.signup("New.User@Example.org");

        assertThat(result.user().email()).isEqualTo("new.user@example.org");
        assertThat(result.user().platformRole()).isEqualTo(PlatformRole.NONE);
        assertThat(result.accessToken()).hasSize(43).isNotEqualTo(result.refreshToken());
        assertThat(t.kit.accounts().authenticate(result.accessToken())).contains(Actor.user(result.user().id()));
        assertThat(t.kit.accounts().me(Actor.user(result.user().id())).memberships()).isEmpty();
        assertThat(result.toString()).doesNotContain(result.accessToken());
    }

    @Test
    void anEmailHasOneAccountWhateverItsCase() {
        t.signup("dup@example.org");
        refused(ErrorCode.EMAIL_TAKEN, () -> t.signup("DUP@example.org"));
    }

    @Test
    void refusesWeakPasswordsAndBadFields() {
        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED, () ->
                t.kit.accounts().signup(NewAccount.email("me@example.org").password("me@example.org").name("", "\u0000")));
        assertThat(refusal.errors()).extracting(ValidationException.FieldError::field)
                .containsExactlyInAnyOrder("password", "firstName", "lastName");
        refused(ErrorCode.VALIDATION_FAILED,
                () -> t.kit.accounts().signup(NewAccount.email("me@example.org").password("short").name("A", "B")));
    }

    @Test
    void logInAnswersTheSameForAnUnknownEmailAndAWrongPassword() {
        t.signup("known@example.org");
        assertThat(t.kit.accounts().login(LogIn.with("KNOWN@example.org", TestKit.PASSWORD)).user().email()).isEqualTo("known@example.org");

        DomainException wrongPassword = refused(ErrorCode.INVALID_CREDENTIALS,
                () -> t.kit.accounts().login(LogIn.with("known@example.org", "wrong password")));
        DomainException unknown = refused(ErrorCode.INVALID_CREDENTIALS,
                () -> t.kit.accounts().login(LogIn.with("nobody@example.org", "wrong password")));
        DomainException notAnEmail = refused(ErrorCode.INVALID_CREDENTIALS,
                () -> t.kit.accounts().login(LogIn.with("nobody", "wrong password")));
        assertThat(unknown.getMessage()).isEqualTo(wrongPassword.getMessage()).isEqualTo(notAnEmail.getMessage());
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accounts().login(LogIn.with("", "")));
    }

    /**
     * A log-in that could never succeed (no email; an empty, missing or overlong password) is
     * refused before any limit counts it: such floods cost nothing and create no counter.
     */
    @Test
    void aLogInThatCouldNeverSucceedIsRefusedUnreadAndTakesNoPermit() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerAddress(new RateLimit("login_address", 3, Duration.ofMinutes(1)))
                .withLoginPerEmail(new RateLimit("login_email", 3, Duration.ofMinutes(15)))));
        limited.signup("known@example.org");
        String tooLong = "x".repeat(4 * 128 + 1);
        String[][] attempts = {{"known@example.org", ""}, {"known@example.org", tooLong}, {"", TestKit.PASSWORD},
                {"known@example.org", null}};
        String[] refusedField = {"password", "password", "email", "password"};
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < attempts.length; i++) {
                String[] attempt = attempts[i];
                ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                        () -> limited.kit.accounts().login(LogIn.with(attempt[0], attempt[1]).from("192.0.2.1")));
                assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly(refusedField[i]);
            }
        }
        assertThat(limited.limiter.size()).as("no counter was created").isZero();

        // May be anyone's: log-in decides, and counts it.
        refused(ErrorCode.INVALID_CREDENTIALS,
                () -> limited.kit.accounts().login(LogIn.with("nobody", "wrong password").from("192.0.2.1")));
        assertThat(limited.kit.accounts().login(LogIn.with("known@example.org", TestKit.PASSWORD).from("192.0.2.1"))
                .user().email()).isEqualTo("known@example.org");
        assertThat(limited.limiter.size()).isPositive();
    }

    @Test
    void logInIsLimitedPerEmailWhateverItsCaseWithATimeToWait() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerEmail(new RateLimit("login_email", 3, Duration.ofMinutes(15)))));
        limited.signup("v@example.org");
        limited.signup("w@example.org");
        for (int i = 0; i < 3; i++) {
            String guess = "guess " + i;
            String address = "192.0.2." + (i + 1);
            refused(ErrorCode.INVALID_CREDENTIALS,
                    () -> limited.kit.accounts().login(LogIn.with("v@example.org", guess).from(address)));
        }

        RetryLaterException locked = (RetryLaterException) refused(ErrorCode.RATE_LIMITED,
                () -> limited.kit.accounts().login(LogIn.with("V@example.org", TestKit.PASSWORD).from("198.51.100.1")));
        assertThat(locked.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(limited.kit.accounts().login(LogIn.with("w@example.org", TestKit.PASSWORD)).user().email())
                .as("another email has its own allowance").isEqualTo("w@example.org");
    }

    @Test
    void logInIsLimitedPerAddressOnlyWhenTheCallerNamesOne() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerAddress(new RateLimit("login_address", 2, Duration.ofMinutes(1)))));
        limited.signup("a@example.org");
        for (int i = 0; i < 2; i++) {
            refused(ErrorCode.INVALID_CREDENTIALS,
                    () -> limited.kit.accounts().login(LogIn.with("nobody@example.org", "guess").from("203.0.113.9")));
        }

        refused(ErrorCode.RATE_LIMITED,
                () -> limited.kit.accounts().login(LogIn.with("a@example.org", TestKit.PASSWORD).from("203.0.113.9")));
        assertThat(limited.kit.accounts().login(LogIn.with("a@example.org", TestKit.PASSWORD).from("203.0.113.10"))
                .user().email()).isEqualTo("a@example.org");
        assertThat(limited.kit.accounts().login(LogIn.with("a@example.org", TestKit.PASSWORD)).user().email())
                .as("no address: no limit per address").isEqualTo("a@example.org");
    }

    @Test
    void signUpIsLimitedPerAddress() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withSignupPerAddress(new RateLimit("signup_address", 2, Duration.ofHours(1)))));
        for (String email : List.of("a@example.org", "b@example.org")) {
            limited.kit.accounts().signup(NewAccount.email(email).password(TestKit.PASSWORD).name("A", "B").from("192.0.2.7"));
        }

        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().signup(
                NewAccount.email("c@example.org").password(TestKit.PASSWORD).name("A", "B").from("192.0.2.7")));
        assertThat(limited.storage.accounts().byEmail(EmailAddress.of("c@example.org"))).isEmpty();
        assertThat(limited.kit.accounts().signup(
                NewAccount.email("c@example.org").password(TestKit.PASSWORD).name("A", "B").from("192.0.2.8")).signedIn().user().email())
                .isEqualTo("c@example.org");
    }

    /** "é" as one code point and as "e" with a combining accent; a fullwidth digit and an ASCII one. */
    private static final String COMPOSED = "caf\u00e9 au lait 1";
    private static final String DECOMPOSED = "cafe\u0301 au lait 1";
    private static final String FULLWIDTH = "caf\u00e9 au lait \uff11";

    @Test
    void aPasswordTypedInAnotherNormalizationFormIsTheSamePassword() {
        t.kit.accounts().signup(NewAccount.email("nfc@example.org").password(COMPOSED).name("A", "B"));
        t.kit.accounts().signup(NewAccount.email("nfd@example.org").password(DECOMPOSED).name("A", "B"));

        for (String typed : List.of(COMPOSED, DECOMPOSED, FULLWIDTH)) {
            assertThat(t.kit.accounts().login(LogIn.with("nfc@example.org", typed)).user().email()).isEqualTo("nfc@example.org");
            assertThat(t.kit.accounts().login(LogIn.with("nfd@example.org", typed)).user().email()).isEqualTo("nfd@example.org");
        }
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("nfc@example.org", "cafe au lait 1")));
    }

    @Test
    void anAccountHashedBeforePasswordsWereNormalizedStillLogsInAsItWasTyped() {
        // What Invitekit 0.1 stored: the hash of the password exactly as typed, here decomposed.
        PasswordHash rawHash = new io.invitekit.application.inmemory.FastInsecurePasswordHasher(new java.util.Random(3))
                .hash(io.invitekit.domain.account.Password.presented(DECOMPOSED));
        t.storage.accounts().add(new Account(new UserId(UUID.randomUUID()), EmailAddress.of("old@example.org"), rawHash,
                Name.of("Old"), Name.of("Timer"), PlatformRole.NONE, TestKit.START));

        assertThat(t.kit.accounts().login(LogIn.with("old@example.org", DECOMPOSED)).user().email())
                .isEqualTo("old@example.org");
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("old@example.org", "cafe au lait 1")));
    }

    @Test
    void refreshRotatesTheRefreshTokenWhichThenStopsWorking() {
        AuthResult first = t.signup("r@example.org");
        AuthResult second = t.kit.accounts().refresh(first.refreshToken());

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(t.kit.accounts().authenticate(second.accessToken())).contains(Actor.user(first.user().id()));
        assertThat(t.kit.accounts().authenticate(first.accessToken())).isEmpty();
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().refresh(first.refreshToken()));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().refresh("garbage"));
    }

    @Test
    void accessTokensLiveAnHourAndRefreshTokensThirtyDays() {
        AuthResult session = t.signup("time@example.org");
        t.clock.advance(Duration.ofMinutes(59));
        assertThat(t.kit.accounts().authenticate(session.accessToken())).isPresent();
        t.clock.advance(Duration.ofMinutes(1));
        assertThat(t.kit.accounts().authenticate(session.accessToken())).isEmpty();

        AuthResult renewed = t.kit.accounts().refresh(session.refreshToken());
        t.clock.advance(Duration.ofDays(30));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().refresh(renewed.refreshToken()));
    }

    @Test
    void logOutEndsTheSession() {
        AuthResult session = t.signup("bye@example.org");
        t.kit.accounts().logout(session.accessToken());
        assertThat(t.kit.accounts().authenticate(session.accessToken())).isEmpty();
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().refresh(session.refreshToken()));
        t.kit.accounts().logout("unknown-token"); // ignored
    }

    @Test
    void theFirstAdminIsCreatedOnceAndNeverChangedAfterwards() {
        String defaultEmail = null;
        String generatedPassword = null;
        Optional<FirstAdmin> created = t.kit.accounts().createFirstPlatformAdmin(defaultEmail, generatedPassword);
        assertThat(created).hasValueSatisfying(admin -> {
            assertThat(admin.email()).isEqualTo("admin@localhost");
            assertThat(admin.generatedPassword()).hasSize(43);
            assertThat(admin.toString()).doesNotContain(admin.generatedPassword());
        });
        AuthResult login = t.kit.accounts().login(LogIn.with("admin@localhost", created.get().generatedPassword()));
        assertThat(login.user().platformRole()).isEqualTo(PlatformRole.PLATFORM_ADMIN);

        assertThat(t.kit.accounts().createFirstPlatformAdmin("other@example.org", "another password")).isEmpty();
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("other@example.org", "another password")));
    }

    @Test
    void theFirstAdminMayBeConfigured() {
        t.kit.accounts().createFirstPlatformAdmin("boss@example.org", "boss password 1");
        assertThat(t.kit.accounts().login(LogIn.with("boss@example.org", "boss password 1")).user().platformRole())
                .isEqualTo(PlatformRole.PLATFORM_ADMIN);
    }

    @Test
    void whenAnotherNodeCreatesTheFirstAdminMeanwhileThisOneGoesOnWithTheirs() {
        // Two server processes start at once on an empty database: both see no admin, one inserts it first.
        AtomicBoolean otherNodeStarted = new AtomicBoolean();
        TestKit node = new TestKit(settings -> settings, (builder, storage) -> builder.storage(
                TestKit.withAccounts(storage, new StaleAdminCheck(storage.accounts(), () -> {
                    if (!otherNodeStarted.getAndSet(true)) {
                        Invitekit.builder().storage(storage).inMemory().build().accounts()
                                .createFirstPlatformAdmin("root@acme.test", "the other node's password");
                    }
                }))));

        assertThat(node.kit.accounts().createFirstPlatformAdmin("root@acme.test", "this node's password")).isEmpty();
        assertThat(node.kit.accounts().login(LogIn.with("root@acme.test", "the other node's password")).user().platformRole())
                .isEqualTo(PlatformRole.PLATFORM_ADMIN);
    }

    @Test
    void theFirstAdminCannotTakeOverAnOrdinaryAccount() {
        t.signup("boss@example.org");
        refused(ErrorCode.EMAIL_TAKEN, () -> t.kit.accounts().createFirstPlatformAdmin("boss@example.org", "boss password 1"));
    }

    @Test
    void aRefusedFirstAdminLeavesTheMarkerFreeForTheNextAttempt() {
        t.signup("boss@example.org");
        refused(ErrorCode.EMAIL_TAKEN, () -> t.kit.accounts().createFirstPlatformAdmin("boss@example.org", "boss password 1"));

        assertThat(t.storage.bootstrapMarkers().isPlaced(AccountService.FIRST_ADMIN_MARKER)).isFalse();
        assertThat(t.kit.accounts().createFirstPlatformAdmin("chief@example.org", "chief password 1")).isPresent();
        assertThat(t.storage.bootstrapMarkers().isPlaced(AccountService.FIRST_ADMIN_MARKER)).isTrue();
    }

    @Test
    void aStoreWhoseAdminPredatesTheMarkerGetsNoSecondAdmin() {
        // A database from before the marker (migration V3 backfills it there), or an embedder's own user store.
        t.storage.accounts().add(adminAccount("old@example.org"));

        assertThat(t.kit.accounts().createFirstPlatformAdmin("new@example.org", "new admin password")).isEmpty();
        assertThat(t.storage.accounts().byEmail(EmailAddress.of("new@example.org"))).isEmpty();
    }

    @Test
    void aPlacedMarkerMeansNoFirstAdminEvenWhenNoAdminIsLeft() {
        t.storage.bootstrapMarkers().place(AccountService.FIRST_ADMIN_MARKER, TestKit.START);

        assertThat(t.kit.accounts().createFirstPlatformAdmin("late@example.org", "late admin password")).isEmpty();
        assertThat(t.storage.accounts().anyPlatformAdmin()).isFalse();
    }

    @Test
    void laterAdminsAreNoConcernOfTheMarker() {
        t.kit.accounts().createFirstPlatformAdmin("first@example.org", "first admin password");
        t.storage.accounts().add(adminAccount("second@example.org")); // as an operator might, by other means

        assertThat(t.storage.accounts().byEmail(EmailAddress.of("second@example.org")))
                .hasValueSatisfying(a -> assertThat(a.isPlatformAdmin()).isTrue());
        assertThat(t.kit.accounts().login(LogIn.with("first@example.org", "first admin password")).user().platformRole())
                .isEqualTo(PlatformRole.PLATFORM_ADMIN);
    }

    /** A platform admin put straight into the store, as no use case makes one. */
    private static Account adminAccount(String email) {
        return new Account(new UserId(UUID.randomUUID()), EmailAddress.of(email), new PasswordHash("not a real hash"),
                Name.of("Other"), Name.of("Admin"), PlatformRole.PLATFORM_ADMIN, TestKit.START);
    }

    /** Accounts whose admin check answers from before {@code meanwhile} ran, as a read that lost a race does. */
    private record StaleAdminCheck(Accounts store, Runnable meanwhile) implements Accounts {
        @Override
        public boolean anyPlatformAdmin() {
            boolean seen = store.anyPlatformAdmin();
            meanwhile.run();
            return seen && store.anyPlatformAdmin();
        }

        @Override
        public void add(Account account) {
            store.add(account);
        }

        @Override
        public Optional<Account> byId(UserId id) {
            return store.byId(id);
        }

        @Override
        public Optional<Account> byEmail(EmailAddress email) {
            return store.byEmail(email);
        }

        @Override
        public List<Account> byIds(Collection<UserId> ids) {
            return store.byIds(ids);
        }

        @Override
        public boolean changePassword(UserId id, PasswordHash hash) {
            return store.changePassword(id, hash);
        }

        @Override
        public boolean markEmailVerified(io.invitekit.domain.account.UserId id, java.time.Instant at) {
            return store.markEmailVerified(id, at);
        }

        @Override
        public boolean rename(io.invitekit.domain.account.UserId id, io.invitekit.domain.shared.Name first,
                              io.invitekit.domain.shared.Name last) {
            return store.rename(id, first, last);
        }

        @Override
        public boolean changeLocale(UserId id, io.invitekit.domain.shared.LocaleTag locale) {
            return store.changeLocale(id, locale);
        }
    }

    @Test
    void meNeedsAKnownUser() {
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().me(null));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().me(Actor.user(new UserId(UUID.randomUUID()))));
    }

    // ---- memberships, a page at a time (TenantUseCase.memberships) --------------------------

    /** {@code count} families the user belongs to, joined one a minute, every third pair at the same instant. */
    private List<TenantId> memberOf(Actor user, int count) {
        Actor admin = t.admin(); // owns them all: admins may own any number
        List<TenantId> joined = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            TenantId tenant = t.family(admin, "Family " + i).id();
            if (i % 3 != 1) {
                t.clock.advance(Duration.ofMinutes(1));
            }
            t.storage.memberships().add(new Membership(tenant, user.id(), Role.MEMBER, t.clock.instant()), Limit.UNLIMITED);
            joined.add(tenant);
        }
        return joined;
    }

    @Test
    void meShowsTheFirstFiftyMembershipsAndACursorToTheRest() {
        Actor user = t.newUser();
        List<TenantId> joined = memberOf(user, 120);

        MeView me = t.kit.accounts().me(user);
        assertThat(me.memberships()).hasSize(50);
        assertThat(me.membershipsNextCursor()).isNotNull();

        List<TenantId> seen = new java.util.ArrayList<>(me.memberships().stream().map(MembershipView::tenantId).toList());
        String cursor = me.membershipsNextCursor();
        int pages = 0;
        while (cursor != null) {
            Page<MembershipView> page = t.kit.tenants().memberships(user, new PageRequest(30, cursor));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(30).isNotEmpty();
            page.items().forEach(m -> seen.add(m.tenantId()));
            cursor = page.nextCursor();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(joined).doesNotHaveDuplicates();
        List<Instant> times = new java.util.ArrayList<>();
        seen.forEach(id -> times.add(t.storage.memberships().find(id, user.id()).orElseThrow().joinedAt()));
        assertThat(times).isSorted();
        assertThat(t.kit.tenants().memberships(user, new PageRequest(100, null)).items()).hasSize(100);
        assertThat(t.kit.tenants().memberships(user, null).items()).as("50 by default").hasSize(50);
    }

    @Test
    void aUserWithFewMembershipsGetsNoCursor() {
        Actor user = t.newUser();
        memberOf(user, 3);

        assertThat(t.kit.accounts().me(user).memberships()).hasSize(3);
        assertThat(t.kit.accounts().me(user).membershipsNextCursor()).isNull();
        Page<MembershipView> all = t.kit.tenants().memberships(user, new PageRequest(3, null));
        assertThat(all.items()).hasSize(3);
        assertThat(all.nextCursor()).isNull();
        assertThat(t.kit.accounts().me(t.newUser()).membershipsNextCursor()).isNull();
    }

    @Test
    void aBadLimitOrCursorIsAFieldError() {
        Actor user = t.newUser();
        memberOf(user, 2);
        String invitationListCursor = Pages.encode(java.util.UUID.randomUUID());

        for (PageRequest bad : List.of(new PageRequest(0, null), new PageRequest(101, null), new PageRequest(-5, null))) {
            ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> t.kit.tenants().memberships(user, bad));
            assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("limit");
        }
        for (String bad : List.of("not a cursor", "AAAA", invitationListCursor, "%%%")) {
            ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> t.kit.tenants().memberships(user, new PageRequest(10, bad)));
            assertThat(refusal.errors()).extracting(ValidationException.FieldError::field).containsExactly("cursor");
        }
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.tenants().memberships(null, PageRequest.first()));
    }
}

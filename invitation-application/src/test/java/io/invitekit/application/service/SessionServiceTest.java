package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.config.RateLimits;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.BrowserSignIn;
import io.invitekit.application.port.in.CurrentSession;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.NewName;
import io.invitekit.application.port.in.PasswordChange;
import io.invitekit.application.port.in.SessionUseCase;
import io.invitekit.application.port.in.SessionView;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.ValidationException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    private static final String EMAIL = "ana@example.org";
    private final TestKit t = new TestKit();
    private final SessionUseCase sessions = t.kit.sessions();

    private AuthResult signUp(TestKit kit, String email) {
        return kit.kit.accounts().signup(NewAccount.email(email).password(TestKit.PASSWORD).name("Ana", "Lima")
                .from("192.0.2.10").agent("curl/8.5")).signedIn();
    }

    private CurrentSession bearer(TestKit kit, AuthResult signedIn) {
        return kit.kit.sessions().authenticate(signedIn.accessToken(), SessionKind.API).orElseThrow();
    }

    private CurrentSession cookie(BrowserSignIn signedIn) {
        return sessions.authenticate(signedIn.token(), SessionKind.BROWSER).orElseThrow();
    }

    private BrowserSignIn browserLogIn(String password) {
        return sessions.logIn(LogIn.with(EMAIL, password).from("198.51.100.7").agent("Firefox/130"));
    }

    @Test
    void aLogInForThePagesOpensABrowserSessionThatRemembersWhereItCameFrom() {
        signUp(t, EMAIL);

        BrowserSignIn signedIn = browserLogIn(TestKit.PASSWORD);

        assertThat(signedIn.user().email()).isEqualTo(EMAIL);
        assertThat(signedIn.maxAge()).isEqualTo(OpaqueSessionTokens.BROWSER_LIFETIME);
        CurrentSession me = cookie(signedIn);
        assertThat(sessions.authenticate(signedIn.token(), SessionKind.API)).as("a cookie is no bearer token").isEmpty();
        List<SessionView> mine = sessions.sessions(me);
        assertThat(mine).as("the sign-up's session and the browser's; the log-in's bearer pair was traded").hasSize(2);
        SessionView browser = mine.get(0);
        assertThat(browser.kind()).isEqualTo(SessionKind.BROWSER);
        assertThat(browser.current()).isTrue();
        assertThat(browser.clientAddress()).isEqualTo("198.51.100.7");
        assertThat(browser.userAgent()).isEqualTo("Firefox/130");
        assertThat(browser.createdAt()).isEqualTo(TestKit.START);
        SessionView api = mine.get(1);
        assertThat(api.kind()).isEqualTo(SessionKind.API);
        assertThat(api.current()).isFalse();
        assertThat(api.clientAddress()).isEqualTo("192.0.2.10");
        assertThat(api.userAgent()).isEqualTo("curl/8.5");
    }

    @Test
    void aLogInForThePagesIsRefusedAsALogInIs() {
        signUp(t, EMAIL);

        refused(ErrorCode.INVALID_CREDENTIALS, () -> browserLogIn("wrong password"));
        refused(ErrorCode.INVALID_CREDENTIALS, () -> sessions.logIn(LogIn.with("nobody@example.org", TestKit.PASSWORD)));
        refused(ErrorCode.VALIDATION_FAILED, () -> sessions.logIn(LogIn.with(EMAIL, "")));
        assertThat(t.storage.sessions().allOf(signUpUser())).hasSize(1);
    }

    private io.invitekit.domain.account.UserId signUpUser() {
        return t.storage.accounts().byEmail(io.invitekit.domain.shared.EmailAddress.of(EMAIL)).orElseThrow().id();
    }

    @Test
    void anAccessTokenIsTradedForABrowserSessionOnce() {
        AuthResult signedUp = signUp(t, EMAIL);

        BrowserSignIn traded = sessions.exchange(signedUp.accessToken(), new SessionOrigin("203.0.113.1", "Chrome"));

        assertThat(traded.user().id()).isEqualTo(signedUp.user().id());
        assertThat(cookie(traded).actor().id()).isEqualTo(signedUp.user().id());
        assertThat(t.kit.accounts().authenticate(signedUp.accessToken())).as("the bearer session ended").isEmpty();
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.exchange(signedUp.accessToken(), SessionOrigin.UNKNOWN));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.exchange(traded.token(), SessionOrigin.UNKNOWN));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.exchange("not a token", SessionOrigin.UNKNOWN));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.exchange(null, SessionOrigin.UNKNOWN));
        assertThat(sessions.sessions(cookie(traded))).singleElement()
                .satisfies(s -> assertThat(s.userAgent()).isEqualTo("Chrome"));
    }

    @Test
    void anExpiredAccessTokenIsNotTraded() {
        AuthResult signedUp = signUp(t, EMAIL);
        t.clock.advance(t.kit.settings().accessTokenTtl());

        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.exchange(signedUp.accessToken(), SessionOrigin.UNKNOWN));
    }

    @Test
    void logOutEndsTheBrowserSessionOnly() {
        AuthResult signedUp = signUp(t, EMAIL);
        BrowserSignIn browser = browserLogIn(TestKit.PASSWORD);

        sessions.logOut(signedUp.accessToken()); // not a cookie's token: ignored
        sessions.logOut(browser.token());
        sessions.logOut(browser.token());
        sessions.logOut(null);

        assertThat(sessions.authenticate(browser.token(), SessionKind.BROWSER)).isEmpty();
        assertThat(t.kit.accounts().authenticate(signedUp.accessToken())).isPresent();
    }

    @Test
    void sessionsAreListedNewestFirstWithTheCurrentOneMarked() {
        AuthResult first = signUp(t, EMAIL);
        t.clock.advance(Duration.ofMinutes(1));
        BrowserSignIn second = browserLogIn(TestKit.PASSWORD);
        t.clock.advance(Duration.ofMinutes(1));
        AuthResult third = t.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD));

        List<SessionView> seen = sessions.sessions(cookie(second));

        assertThat(seen).extracting(SessionView::createdAt)
                .containsExactly(TestKit.START.plusSeconds(120), TestKit.START.plusSeconds(60), TestKit.START);
        assertThat(seen).extracting(SessionView::current).containsExactly(false, true, false);
        assertThat(sessions.sessions(bearer(t, third))).extracting(SessionView::current).containsExactly(true, false, false);
        assertThat(sessions.sessions(bearer(t, first))).extracting(SessionView::current).containsExactly(false, false, true);
    }

    @Test
    void lastUsedIsWrittenCoarselyNotOnEveryRequest() {
        AuthResult signedUp = signUp(t, EMAIL);
        t.clock.advance(Session.LAST_USED_GRANULARITY.minusSeconds(1));
        CurrentSession me = bearer(t, signedUp);
        assertThat(sessions.sessions(me).get(0).lastUsedAt()).as("within 5 minutes of its creation").isEqualTo(TestKit.START);

        t.clock.advance(Duration.ofSeconds(1));
        bearer(t, signedUp);
        assertThat(sessions.sessions(me).get(0).lastUsedAt()).isEqualTo(t.clock.instant());
        java.time.Instant written = t.clock.instant();
        t.clock.advance(Duration.ofMinutes(4));
        bearer(t, signedUp);
        assertThat(sessions.sessions(me).get(0).lastUsedAt()).isEqualTo(written);
    }

    @Test
    void endedSessionsAreNotListed() {
        AuthResult signedUp = signUp(t, EMAIL);
        BrowserSignIn idle = browserLogIn(TestKit.PASSWORD);
        t.clock.advance(Duration.ofDays(6));
        BrowserSignIn current = browserLogIn(TestKit.PASSWORD);
        t.clock.advance(Duration.ofDays(1));

        List<SessionView> seen = sessions.sessions(cookie(current));

        assertThat(seen).as("the api session (its refresh token lives 30 days) and the current one")
                .extracting(SessionView::kind).containsExactly(SessionKind.BROWSER, SessionKind.API);
        assertThat(seen.get(0).current()).isTrue();
        assertThat(sessions.authenticate(idle.token(), SessionKind.BROWSER)).as("idle 7 days").isEmpty();
        t.clock.advance(t.kit.settings().refreshTokenTtl());
        assertThat(t.kit.accounts().authenticate(signedUp.accessToken())).isEmpty();
    }

    @Test
    void oneRevokesOnlyTheirOwnSessionsAndAnothersIsNotFoundLikeAnUnknownOne() {
        AuthResult mine = signUp(t, EMAIL);
        AuthResult myOther = t.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD));
        AuthResult theirs = signUp(t, "bea@example.org");
        CurrentSession me = bearer(t, mine);
        SessionId theirId = bearer(t, theirs).id();

        refused(ErrorCode.SESSION_NOT_FOUND, () -> sessions.revoke(me, theirId));
        refused(ErrorCode.SESSION_NOT_FOUND, () -> sessions.revoke(me, new SessionId(UUID.randomUUID())));
        assertThat(t.kit.accounts().authenticate(theirs.accessToken())).as("theirs lives on").isPresent();

        sessions.revoke(me, bearer(t, myOther).id());
        assertThat(t.kit.accounts().authenticate(myOther.accessToken())).isEmpty();
        refused(ErrorCode.SESSION_NOT_FOUND, () -> sessions.revoke(me, bearer(t, theirs).id()));

        sessions.revoke(me, me.id());
        assertThat(t.kit.accounts().authenticate(mine.accessToken())).as("the current one may go too").isEmpty();
    }

    @Test
    void revokingTheOthersKeepsTheCurrentSessionAndOtherUsersSessions() {
        signUp(t, EMAIL);
        AuthResult second = t.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD));
        BrowserSignIn current = browserLogIn(TestKit.PASSWORD);
        AuthResult theirs = signUp(t, "bea@example.org");

        assertThat(sessions.revokeOthers(cookie(current))).isEqualTo(2);
        assertThat(sessions.revokeOthers(cookie(current))).isZero();

        assertThat(sessions.sessions(cookie(current))).singleElement().satisfies(s -> assertThat(s.current()).isTrue());
        assertThat(t.kit.accounts().authenticate(second.accessToken())).isEmpty();
        assertThat(t.kit.accounts().authenticate(theirs.accessToken())).isPresent();
    }

    @Test
    void changingThePasswordKeepsTheCallersSessionAndEndsEveryOther() {
        AuthResult other = signUp(t, EMAIL);
        BrowserSignIn current = browserLogIn(TestKit.PASSWORD);
        AuthResult theirs = signUp(t, "bea@example.org");
        String newPassword = "a whole new password";

        sessions.changePassword(cookie(current), PasswordChange.current(TestKit.PASSWORD).to(newPassword).from("198.51.100.7"));

        assertThat(sessions.authenticate(current.token(), SessionKind.BROWSER)).as("the caller's stays").isPresent();
        assertThat(t.kit.accounts().authenticate(other.accessToken())).as("every other ends").isEmpty();
        assertThat(t.kit.accounts().authenticate(theirs.accessToken())).isPresent();
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD)));
        assertThat(t.kit.accounts().login(LogIn.with(EMAIL, newPassword)).user().email()).isEqualTo(EMAIL);
    }

    @Test
    void aNewPasswordIsNormalizedAsEveryPasswordIs() {
        AuthResult signedUp = signUp(t, EMAIL);
        String composed = "Ünïcödé pässwörd";

        sessions.changePassword(bearer(t, signedUp),
                PasswordChange.current(TestKit.PASSWORD).to(Normalizer.normalize(composed, Normalizer.Form.NFD)));

        assertThat(t.kit.accounts().login(LogIn.with(EMAIL, Normalizer.normalize(composed, Normalizer.Form.NFC)))
                .user().email()).isEqualTo(EMAIL);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedChangesNothingAndSpendsTheLogInAllowance() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerEmail(new RateLimit("login_email", 3, Duration.ofMinutes(15)))));
        AuthResult other = signUp(limited, EMAIL);
        AuthResult caller = limited.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD));
        CurrentSession me = bearer(limited, caller);

        for (int i = 0; i < 2; i++) {
            String guess = "guess number " + i;
            String address = "192.0.2.1" + i;
            refused(ErrorCode.WRONG_CURRENT_PASSWORD, () -> limited.kit.sessions().changePassword(me,
                    PasswordChange.current(guess).to("a whole new password").from(address)));
        }
        assertThat(limited.kit.accounts().authenticate(other.accessToken())).as("nothing changed").isPresent();

        // Two guesses here and the log-in above spent the email's three permits: no more guessing.
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.sessions().changePassword(me,
                PasswordChange.current(TestKit.PASSWORD).to("a whole new password")));
        refused(ErrorCode.RATE_LIMITED, () -> limited.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD)));
        limited.clock.advance(Duration.ofMinutes(15));
        assertThat(limited.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD)).user().email())
                .as("the old password still works").isEqualTo(EMAIL);
    }

    @Test
    void aNewPasswordMeetsTheSignUpsPolicyAndBothFieldsAreRequired() {
        CurrentSession me = bearer(t, signUp(t, EMAIL));

        ValidationException policy = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                () -> sessions.changePassword(me, PasswordChange.current(TestKit.PASSWORD).to("short")));
        assertThat(policy.errors()).extracting(ValidationException.FieldError::field).containsExactly("newPassword");
        refused(ErrorCode.VALIDATION_FAILED,
                () -> sessions.changePassword(me, PasswordChange.current(TestKit.PASSWORD).to(EMAIL)));
        ValidationException missing = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                () -> sessions.changePassword(me, PasswordChange.current(null).to(null)));
        assertThat(missing.errors()).extracting(ValidationException.FieldError::field)
                .containsExactly("currentPassword", "newPassword");
        assertThat(t.kit.accounts().login(LogIn.with(EMAIL, TestKit.PASSWORD)).user().email()).isEqualTo(EMAIL);
    }

    @Test
    void oneRenamesThemselves() {
        CurrentSession me = bearer(t, signUp(t, EMAIL));

        assertThat(sessions.rename(me, NewName.of(" Zoë ", "Ñúñez")).user())
                .satisfies(user -> {
                    assertThat(user.firstName()).isEqualTo("Zoë");
                    assertThat(user.lastName()).isEqualTo("Ñúñez");
                });
        assertThat(t.kit.accounts().me(me.actor()).user().firstName()).isEqualTo("Zoë");
        ValidationException blank = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                () -> sessions.rename(me, NewName.of("", null)));
        assertThat(blank.errors()).extracting(ValidationException.FieldError::field).containsExactly("firstName", "lastName");
    }

    @Test
    void everyUseOfOnesSessionsNeedsACaller() {
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.sessions(null));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.revoke(null, new SessionId(UUID.randomUUID())));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.revokeOthers(null));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.changePassword(null, PasswordChange.current("a").to("b")));
        refused(ErrorCode.UNAUTHENTICATED, () -> sessions.rename(null, NewName.of("A", "B")));
    }
}

package io.invitekit.adapter.http;

import static io.invitekit.adapter.http.ApiServer.ANONYMOUS;
import static io.invitekit.adapter.http.ApiServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Check;
import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pages' cookie session, its CSRF defence, and the caller's own sessions, password and name. */
class SessionApiTest {
    private static final Map<String, String> SAME_ORIGIN = Map.of("Sec-Fetch-Site", "same-origin");
    private static final String EMAIL = "ana@example.org";
    private ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Reply logIn(String email, String password, Map<String, String> headers) {
        return api.send("POST", "/api/auth/session", ANONYMOUS,
                json(Map.of("email", email, "password", password)), headers, Check.BOTH);
    }

    /** Signs {@link #EMAIL} up and in for the pages; returns the cookie's token. */
    private String signedInCookie() {
        api.signup(EMAIL);
        return cookieToken(logIn(EMAIL, PASSWORD, SAME_ORIGIN));
    }

    /** The name of the cookie the server set last: {@code __Host-…} behind https, else plain. */
    private String cookieName = SessionCookie.SECURE_NAME;

    private String cookieToken(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String setCookie = reply.header("Set-Cookie");
        cookieName = setCookie.substring(0, setCookie.indexOf('='));
        assertThat(cookieName).isIn(SessionCookie.NAME, SessionCookie.SECURE_NAME);
        return setCookie.substring(cookieName.length() + 1, setCookie.indexOf(';'));
    }

    private Map<String, String> withCookie(String token, Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(more);
        headers.put("Cookie", cookieName + "=" + token);
        return headers;
    }

    private Reply withCookieCall(String method, String path, String token, Object body, Map<String, String> headers) {
        return api.send(method, path, ANONYMOUS, body == null ? null : json(body), withCookie(token, headers), Check.BOTH);
    }

    private String json(Object body) {
        try {
            return api.json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String firstName() {
        return api.storage.accounts().byEmail(EmailAddress.of(EMAIL)).orElseThrow().firstName().value();
    }

    private int sessionCount() {
        return api.storage.sessions().allOf(api.storage.accounts().byEmail(EmailAddress.of(EMAIL)).orElseThrow().id()).size();
    }

    // ---- the cookie ----------------------------------------------------------------------------

    @Test
    void aLogInForThePagesSetsAnHttpOnlyLaxSecureCookieAndAnswersTheUserOnly() {
        api.signup(EMAIL);

        Reply reply = logIn(EMAIL, PASSWORD, SAME_ORIGIN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(reply.json().has("access_token")).isFalse();
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        String cookie = reply.header("Set-Cookie");
        assertThat(cookie).matches("__Host-invitekit_session=[A-Za-z0-9_-]{40,}; Path=/; Max-Age=2592000; HttpOnly; "
                + "SameSite=Lax; Secure");
        assertThat(api.storage.sessions().byAccessDigest(
                io.invitekit.domain.shared.SecretToken.parse(cookieToken(reply)).digest()))
                .as("stored as a digest").isPresent();
    }

    @Test
    void aSecureDeploymentReadsOnlyTheHostPrefixedCookieWhichNoSiblingSubdomainCanPlant() {
        String token = signedInCookie();
        assertThat(cookieName).isEqualTo("__Host-invitekit_session");
        Map<String, String> planted = new HashMap<>(Map.of("Cookie", "invitekit_session=" + token));

        assertThat(api.send("GET", "/api/me", ANONYMOUS, null, planted, Check.BOTH).status())
                .as("the plain name is not read behind https").isEqualTo(401);
        assertThat(withCookieCall("GET", "/api/me", token, null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theCookieIsNotSecureBehindAnHttpBaseUrl() {
        api.close();
        api = ApiServer.at("http://localhost:8080");
        api.signup(EMAIL);

        String cookie = logIn(EMAIL, PASSWORD, SAME_ORIGIN).header("Set-Cookie");

        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void theCookieSignsInEveryReadAndAWrongOneIsAnonymous() {
        String token = signedInCookie();

        Reply me = withCookieCall("GET", "/api/me", token, null, Map.of());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(withCookieCall("GET", "/api/me/memberships", token, null, Map.of()).status()).isEqualTo(200);
        assertThat(api.send("GET", "/api/me", ANONYMOUS, null, withCookie("not-a-session", Map.of()), Check.RESPONSE)
                .status()).isEqualTo(401);
        assertThat(api.send("GET", "/api/me", token, null, Map.of(), Check.RESPONSE).status())
                .as("a cookie's token is no bearer token").isEqualTo(401);
        for (String path : List.of("/api/me", "/api/me/sessions")) {
            Reply anonymous = api.anonymous("GET", path, Map.of());
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.code()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void aLogInForThePagesIsRefusedAsALogInIs() {
        api.close();
        api = ApiServer.withRateLimits(limits -> limits.withLoginPerEmail(new RateLimit("login_email", 2, Duration.ofMinutes(15))));
        api.signup(EMAIL);

        Reply wrong = logIn(EMAIL, "wrong password", SAME_ORIGIN);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
        assertThat(wrong.header("Set-Cookie")).isNull();
        Reply missing = api.send("POST", "/api/auth/session", ANONYMOUS, json(Map.of("email", EMAIL)), SAME_ORIGIN,
                Check.BOTH);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("password");
        logIn(EMAIL, "another wrong one", SAME_ORIGIN);
        Reply limited = logIn(EMAIL, PASSWORD, SAME_ORIGIN);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
    }

    // ---- CSRF ----------------------------------------------------------------------------------

    @Test
    void aCookieSignedWriteFromAnotherSiteOrOfUnknownOriginIsRefusedAndChangesNothing() {
        String token = signedInCookie();
        Map<String, String> rename = Map.of("first_name", "Mallory", "last_name", "Evil");
        List<Map<String, String>> hostile = List.of(
                Map.of("Origin", "http://evil.example"),
                Map.of("Origin", "null"),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site", "Origin", ApiServer.BASE_URL),
                Map.of());

        for (Map<String, String> headers : hostile) {
            Reply patch = withCookieCall("PATCH", "/api/me", token, rename, headers);
            assertThat(patch.status()).as("%s", headers).isEqualTo(403);
            assertThat(patch.code()).isEqualTo("cross_site_request");
            Reply password = withCookieCall("POST", "/api/me/password", token,
                    Map.of("current_password", PASSWORD, "new_password", "a whole new password"), headers);
            assertThat(password.code()).as("%s", headers).isEqualTo("cross_site_request");
            assertThat(withCookieCall("DELETE", "/api/me/sessions", token, null, headers).code())
                    .isEqualTo("cross_site_request");
            assertThat(withCookieCall("DELETE", "/api/auth/session", token, null, headers).code())
                    .as("nor may another site log the pages out").isEqualTo("cross_site_request");
        }

        assertThat(firstName()).isEqualTo("Ada");
        assertThat(withCookieCall("GET", "/api/me", token, null, Map.of()).status()).as("still signed in").isEqualTo(200);
        assertThat(api.post("/api/auth/login", null, Map.of("email", EMAIL, "password", PASSWORD)).status())
                .as("the password is unchanged").isEqualTo(200);
    }

    @Test
    void aCookieSignedWriteFromTheOwnOriginPasses() {
        String token = signedInCookie();

        Reply bySecFetch = withCookieCall("PATCH", "/api/me", token, Map.of("first_name", "Zoë", "last_name", "Lima"),
                Map.of("Sec-Fetch-Site", "same-origin", "Origin", "http://ignored.example"));
        assertThat(bySecFetch.status()).as(bySecFetch.body()).isEqualTo(200);
        assertThat(bySecFetch.json().path("user").path("first_name").asText()).isEqualTo("Zoë");
        assertThat(bySecFetch.json().has("memberships")).as("the body of GET /api/me").isTrue();

        Reply byOrigin = withCookieCall("PATCH", "/api/me", token, Map.of("first_name", "Ana", "last_name", "Lima"),
                Map.of("Origin", ApiServer.BASE_URL));
        assertThat(byOrigin.status()).isEqualTo(200);
        assertThat(withCookieCall("PATCH", "/api/me", token, Map.of("first_name", "Typed", "last_name", "In"),
                Map.of("Sec-Fetch-Site", "none")).status()).isEqualTo(200);
        assertThat(firstName()).isEqualTo("Typed");
    }

    @Test
    void anotherPortOfTheSameHostIsTheSameSiteButNotTheSameOrigin() {
        api.close();
        api = ApiServer.at("http://localhost:8080");
        api.signup(EMAIL);
        String token = cookieToken(logIn(EMAIL, PASSWORD, Map.of("Origin", "http://localhost:8080")));
        Map<String, String> rename = Map.of("first_name", "Mallory", "last_name", "Port");

        Reply otherPort = withCookieCall("PATCH", "/api/me", token, rename, Map.of("Origin", "http://localhost:9090"));
        assertThat(otherPort.code()).isEqualTo("cross_site_request");
        Reply sameSite = withCookieCall("PATCH", "/api/me", token, rename, Map.of("Sec-Fetch-Site", "same-site"));
        assertThat(sameSite.code()).isEqualTo("cross_site_request");
        assertThat(logIn(EMAIL, PASSWORD, Map.of("Origin", "http://localhost:9090")).code())
                .as("log-in CSRF from the other port").isEqualTo("cross_site_request");
        assertThat(firstName()).isEqualTo("Ada");
        assertThat(withCookieCall("PATCH", "/api/me", token, rename, Map.of("Origin", "http://localhost:8080")).status())
                .isEqualTo(200);
    }

    @Test
    void withoutAConfiguredBaseUrlTheOwnOriginIsTheRequestsSchemeAndHost() {
        api.close();
        api = new ApiServer(http -> http.withBaseUrl(null));
        api.signup(EMAIL);
        Reply logIn = logIn(EMAIL, PASSWORD, Map.of("Origin", api.reachedAt()));
        String token = cookieToken(logIn);
        assertThat(logIn.header("Set-Cookie")).as("reached over http").doesNotContain("Secure");
        Map<String, String> rename = Map.of("first_name", "Mallory", "last_name", "Port");

        assertThat(withCookieCall("PATCH", "/api/me", token, rename, Map.of("Origin", "http://127.0.0.1:1")).code())
                .isEqualTo("cross_site_request");
        assertThat(withCookieCall("PATCH", "/api/me", token, rename, Map.of("Origin", ApiServer.BASE_URL)).code())
                .isEqualTo("cross_site_request");
        assertThat(firstName()).isEqualTo("Ada");
        assertThat(withCookieCall("PATCH", "/api/me", token, rename, Map.of("Origin", api.reachedAt())).status())
                .isEqualTo(200);
    }

    @Test
    void aLogInForThePagesFromAnotherSiteIsRefusedBeforeItIsTried() {
        api.signup(EMAIL);
        int before = sessionCount();

        for (Map<String, String> headers : List.of(Map.of("Origin", "http://evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.<String, String>of())) {
            Reply reply = logIn(EMAIL, PASSWORD, headers);
            assertThat(reply.status()).as("%s", headers).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("cross_site_request");
            assertThat(reply.header("Set-Cookie")).isNull();
        }
        assertThat(sessionCount()).isEqualTo(before);
    }

    @Test
    void aCookieSignedWriteWhoseBodyIsNotDeclaredJsonIsRefused() {
        String token = signedInCookie();

        Reply form = api.send("PATCH", "/api/me", ANONYMOUS, null, withCookie(token, Map.of("Sec-Fetch-Site",
                "same-origin", "Content-Type", "text/plain")), Check.RESPONSE);
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.code()).isEqualTo("unsupported_media_type");
        Reply plain = api.send("POST", "/api/auth/session", ANONYMOUS, null, Map.of("Sec-Fetch-Site", "same-origin",
                "Content-Type", "text/plain;charset=UTF-8"), Check.RESPONSE);
        assertThat(plain.status()).isEqualTo(415);
        assertThat(firstName()).isEqualTo("Ada");
    }

    @Test
    void bearerRequestsAreNotHeldToTheOriginCheck() {
        api.signup(EMAIL);
        String access = api.post("/api/auth/login", null, Map.of("email", EMAIL, "password", PASSWORD))
                .json().path("access_token").asText();

        Reply noOrigin = api.send("PATCH", "/api/me", access, json(Map.of("first_name", "Bea", "last_name", "Lima")),
                Map.of(), Check.BOTH);
        assertThat(noOrigin.status()).isEqualTo(200);
        Reply otherOrigin = api.send("PATCH", "/api/me", access, json(Map.of("first_name", "Cid", "last_name", "Lima")),
                Map.of("Origin", "http://evil.example"), Check.BOTH);
        assertThat(otherOrigin.status()).isEqualTo(200);
        assertThat(firstName()).isEqualTo("Cid");
    }

    // ---- log out, trade ------------------------------------------------------------------------

    @Test
    void logOutRevokesTheSessionAndClearsTheCookie() {
        String token = signedInCookie();

        Reply out = withCookieCall("DELETE", "/api/auth/session", token, null, SAME_ORIGIN);

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).isEqualTo("__Host-invitekit_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
        assertThat(withCookieCall("GET", "/api/me", token, null, Map.of()).status()).isEqualTo(401);
        Reply again = api.send("DELETE", "/api/auth/session", ANONYMOUS, null, Map.of(), Check.BOTH);
        assertThat(again.status()).as("without a cookie too").isEqualTo(204);
        assertThat(again.header("Set-Cookie")).contains("Max-Age=0");
    }

    @Test
    void aFreshAccessTokenIsTradedForTheCookieAndStopsWorking() {
        String access = api.signup(EMAIL).json().path("access_token").asText();

        Reply traded = api.send("POST", "/api/auth/session", ANONYMOUS, json(Map.of("access_token", access)),
                Map.of("Origin", ApiServer.BASE_URL, "User-Agent", "Pages/1.0"), Check.BOTH);

        String token = cookieToken(traded);
        assertThat(traded.json().path("user").path("email").asText()).isEqualTo(EMAIL);
        assertThat(api.get("/api/me", access).status()).as("the bearer session ended").isEqualTo(401);
        Reply sessions = withCookieCall("GET", "/api/me/sessions", token, null, Map.of());
        assertThat(sessions.items("kind")).containsExactly("browser");
        assertThat(sessions.items("user_agent")).containsExactly("Pages/1.0");
        Reply twice = api.send("POST", "/api/auth/session", ANONYMOUS, json(Map.of("access_token", access)), SAME_ORIGIN,
                Check.BOTH);
        assertThat(twice.status()).isEqualTo(401);
        assertThat(twice.code()).isEqualTo("unauthenticated");
        Reply mixed = api.send("POST", "/api/auth/session", ANONYMOUS,
                json(Map.of("access_token", access, "email", EMAIL)), SAME_ORIGIN, Check.RESPONSE);
        assertThat(mixed.status()).isEqualTo(400);
    }

    // ---- my sessions, password ----------------------------------------------------------------

    @Test
    void oneSeesTheirSessionsNewestFirstAndEndsThem() {
        api.signup(EMAIL);
        api.clock.advance(Duration.ofMinutes(1));
        String access = api.send("POST", "/api/auth/login", ANONYMOUS, json(Map.of("email", EMAIL, "password", PASSWORD)),
                Map.of("User-Agent", "curl/8.5"), Check.BOTH).json().path("access_token").asText();
        api.clock.advance(Duration.ofMinutes(1));
        String token = cookieToken(logIn(EMAIL, PASSWORD, Map.of("Sec-Fetch-Site", "same-origin", "User-Agent", "Firefox")));
        String someoneElse = api.newUserToken();

        Reply list = withCookieCall("GET", "/api/me/sessions", token, null, Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Cache-Control")).isEqualTo("no-store");
        assertThat(list.items("kind")).containsExactly("browser", "api", "api");
        assertThat(list.items("current")).containsExactly("true", "false", "false");
        assertThat(list.items("user_agent").subList(0, 2)).containsExactly("Firefox", "curl/8.5");
        assertThat(list.items("client_address")).containsOnly("127.0.0.1");
        assertThat(api.get("/api/me/sessions", access).items("current")).containsExactly("false", "true", "false");

        String theirs = api.get("/api/me/sessions", someoneElse).items("id").get(0);
        Reply notMine = withCookieCall("DELETE", "/api/me/sessions/" + theirs, token, null, SAME_ORIGIN);
        assertThat(notMine.status()).isEqualTo(404);
        assertThat(notMine.code()).isEqualTo("session_not_found");
        assertThat(withCookieCall("DELETE", "/api/me/sessions/" + UUID.randomUUID(), token, null, SAME_ORIGIN).code())
                .isEqualTo("session_not_found");
        assertThat(withCookieCall("DELETE", "/api/me/sessions/not-an-id", token, null, SAME_ORIGIN).code())
                .isEqualTo("session_not_found");
        assertThat(api.get("/api/me", someoneElse).status()).isEqualTo(200);

        String apiSession = list.items("id").get(1);
        assertThat(withCookieCall("DELETE", "/api/me/sessions/" + apiSession, token, null, SAME_ORIGIN).status())
                .isEqualTo(204);
        assertThat(api.get("/api/me", access).status()).isEqualTo(401);

        Reply others = withCookieCall("DELETE", "/api/me/sessions", token, null, SAME_ORIGIN);
        assertThat(others.status()).isEqualTo(200);
        assertThat(others.json().path("revoked").asInt()).isEqualTo(1);
        assertThat(withCookieCall("GET", "/api/me/sessions", token, null, Map.of()).items("current")).containsExactly("true");

        Reply own = withCookieCall("DELETE", "/api/me/sessions/" + list.items("id").get(0), token, null, SAME_ORIGIN);
        assertThat(own.status()).isEqualTo(204);
        assertThat(own.header("Set-Cookie")).as("the cookie's own session: cleared").contains("Max-Age=0");
        assertThat(withCookieCall("GET", "/api/me", token, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void changingThePasswordKeepsThisSessionEndsTheOthersAndAWrongCurrentOneIs403() {
        String token = signedInCookie();
        String other = api.post("/api/auth/login", null, Map.of("email", EMAIL, "password", PASSWORD))
                .json().path("access_token").asText();

        Reply wrong = withCookieCall("POST", "/api/me/password", token,
                Map.of("current_password", "not it at all", "new_password", "a whole new password"), SAME_ORIGIN);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.code()).isEqualTo("wrong_current_password");
        Reply weak = withCookieCall("POST", "/api/me/password", token,
                Map.of("current_password", PASSWORD, "new_password", "short"), SAME_ORIGIN);
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().path("errors").get(0).path("field").asText()).isEqualTo("new_password");
        assertThat(api.get("/api/me", other).status()).isEqualTo(200);

        Reply changed = withCookieCall("POST", "/api/me/password", token,
                Map.of("current_password", PASSWORD, "new_password", "a whole new password"), SAME_ORIGIN);

        assertThat(changed.status()).isEqualTo(204);
        assertThat(withCookieCall("GET", "/api/me", token, null, Map.of()).status()).isEqualTo(200);
        assertThat(api.get("/api/me", other).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/login", null, Map.of("email", EMAIL, "password", "a whole new password"))
                .status()).isEqualTo(200);
    }

    @Test
    void theOwnSessionRoutesNeedASignedInCaller() {
        assertThat(api.send("PATCH", "/api/me", ANONYMOUS, json(Map.of("first_name", "A", "last_name", "B")), Map.of(),
                Check.RESPONSE).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/me/password", ANONYMOUS,
                json(Map.of("current_password", "a", "new_password", "b")), Map.of(), Check.RESPONSE).status())
                .isEqualTo(401);
        assertThat(api.send("DELETE", "/api/me/sessions", ANONYMOUS, null, Map.of(), Check.RESPONSE).status()).isEqualTo(401);
        assertThat(api.send("DELETE", "/api/me/sessions/" + UUID.randomUUID(), ANONYMOUS, null, Map.of(), Check.RESPONSE)
                .status()).isEqualTo(401);
    }
}

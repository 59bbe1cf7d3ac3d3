package io.invitekit.bootstrap.e2e;

import io.invitekit.bootstrap.process.Emails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.bootstrap.process.ServerNode.Reply;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both flows and the hostile cases, over HTTP against the fat jar running as its own process with
 * GreenMail as its SMTP server. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerFlows {
    private static final Pattern LINK = Pattern.compile("(https://app\\.acme\\.test/tenant-onboard#token=[A-Za-z0-9_-]{43})");

    private GreenMail smtp;
    private ServerProcess server;
    private String admin;

    abstract ServerProcess.Database database();

    private static GreenMail stopped(GreenMail mail) {
        if (mail != null) {
            mail.stop();
        }
        return null;
    }

    @BeforeAll
    void start() throws Exception {
        // Here, not in the subclass: a superclass's @BeforeAll runs first, and would start a server
        // on a database that is not there.
        if (database() == ServerProcess.Database.POSTGRES && System.getenv("INVITEKIT_TEST_PG_URL") == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the PostgreSQL flows must run, but INVITEKIT_TEST_PG_URL is not set");
            }
            assumeTrue(false, "INVITEKIT_TEST_PG_URL is not set");
        }
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        server = ServerProcess.start(database(), smtp.getSmtp().getPort(), Map.of());
        admin = server.login(ServerProcess.ADMIN_EMAIL, ServerProcess.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (server == null) {
            smtp = stopped(smtp);
            return;
        }
        try {
            int exit = server.terminate();
            assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(server.log()).contains("Invitekit stopped");
        } finally {
            server.close();
            smtp.stop();
        }
    }

    @Test
    void adminInvitesTheEmailArrivesAndTheOwnerAcceptsAndSignsIn() throws Exception {
        Reply invited = server.call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", "owner@example.org",
                "suggested_business_name", "Bright Bakery", "permissions", Map.of("can_accept_payments", true)), Map.of());
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);

        String link = linkIn(awaitEmailTo("owner@example.org"));
        String token = link.substring(link.indexOf("token=") + 6);

        Reply preview = server.anonymous("GET", "/api/platform/tenant-invitations/token/" + token);
        assertThat(preview.json().path("suggested_business_name").asText()).isEqualTo("Bright Bakery");
        Reply accepted = server.call("POST", "/api/platform/tenant-invitations/token/" + token + "/accept/", null,
                accept("bright-bakery"), Map.of());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);

        Reply me = server.call("GET", "/api/me", accepted.json().path("access_token").asText(), null, Map.of());
        assertThat(me.json().path("memberships").get(0).path("role").asText()).isEqualTo("OWNER");
        assertThat(me.json().path("memberships").get(0).path("tenant").path("subdomain").asText()).isEqualTo("bright-bakery");
        Reply seen = server.call("GET", "/api/platform/tenant-invitations/" + invited.json().path("id").asText(), admin,
                null, Map.of());
        assertThat(seen.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(seen.json().path("delivery").path("state").asText()).isEqualTo("SENT");
        assertThat(server.log()).doesNotContain(token);
    }

    @Test
    void aUserCreatesAFamilyAndASecondUserJoinsWithADifferentlyFormattedCode() {
        String owner = server.signup("family-owner@example.org");
        Reply family = server.call("POST", "/api/tenants", owner, Map.of("name", "The Smiths"), Map.of());
        assertThat(family.status()).as(family.body()).isEqualTo(201);
        String display = server.call("GET", "/api/tenants/" + family.json().path("id").asText() + "/invite-code", owner,
                null, Map.of()).json().path("display").asText();

        String joiner = server.signup("joiner@example.org");
        String typed = " " + display.toLowerCase().replace("-", " - ").replace('0', 'o') + " ";
        Reply joined = server.call("POST", "/api/join", joiner, Map.of("code", typed), Map.of());
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        assertThat(joined.json().path("role").asText()).isEqualTo("MEMBER");
        assertThat(server.call("GET", "/api/me", joiner, null, Map.of()).json().path("memberships").get(0)
                .path("tenant").path("name").asText()).isEqualTo("The Smiths");
    }

    @Test
    void concurrentAcceptsOfOneTokenHaveOneWinnerAndNo5xx() throws Exception {
        server.call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", "race@example.org"), Map.of());
        String link = linkIn(awaitEmailTo("race@example.org"));
        String token = link.substring(link.indexOf("token=") + 6);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String subdomain = "race-" + i;
            results.add(pool.submit(() -> {
                go.await();
                return server.call("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null,
                        accept(subdomain), Map.of()).status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdownNow();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).allMatch(s -> s < 500);
    }

    @Test
    void aBodyCannotSetTheEmailOrTheStatusAndCrlfInNamesIsRefused() throws Exception {
        server.call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", "hostile@example.org"), Map.of());
        String link = linkIn(awaitEmailTo("hostile@example.org"));
        String token = link.substring(link.indexOf("token=") + 6);

        Map<String, Object> withEmail = accept("hostile");
        withEmail.put("email", "attacker@example.org");
        assertThat(server.call("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null, withEmail,
                Map.of()).status()).isEqualTo(400);
        Map<String, Object> withStatus = accept("hostile");
        withStatus.put("status", "ACCEPTED");
        assertThat(server.call("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null, withStatus,
                Map.of()).status()).isEqualTo(400);

        Map<String, Object> crlf = accept("hostile");
        crlf.put("first_name", "Eve\r\nBcc: victim@example.org");
        Reply refused = server.call("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null, crlf, Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("first_name");
        assertThat(server.anonymous("GET", "/api/platform/tenant-invitations/token/" + token)
                .json().path("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void aSpoofedHostNeverReachesTheEmailLink() throws Exception {
        Reply invited = server.call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", "spoof@example.org"),
                Map.of("Host", "evil.example", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http",
                        "Forwarded", "host=evil.example;proto=http"));
        assertThat(invited.status()).isEqualTo(201);
        String text = Emails.plainText(awaitEmailTo("spoof@example.org"));
        assertThat(text).contains("https://app.acme.test/tenant-onboard#token=").doesNotContain("evil.example");
    }

    @Test
    void wrongJoinCodesAreRateLimitedPerAccount() {
        String owner = server.signup("limit-owner@example.org");
        String tenant = server.call("POST", "/api/tenants", owner, Map.of("name", "Limited"), Map.of())
                .json().path("id").asText();
        String code = server.call("GET", "/api/tenants/" + tenant + "/invite-code", owner, null, Map.of())
                .json().path("code").asText();
        String guesser = server.signup("guesser@example.org");
        for (int i = 0; i < 10; i++) {
            assertThat(server.call("POST", "/api/join", guesser, Map.of("code", "ZZZZ-ZZZ" + i), Map.of()).code())
                    .isEqualTo("invalid_code");
        }
        Reply limited = server.call("POST", "/api/join", guesser, Map.of("code", code), Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsKey("retry-after");
    }

    /** The base URL is https here: HSTS is on by default; an answer carrying a join code is never cached. */
    @Test
    void secretsAreNotCachedAndHstsIsOnBehindHttps() {
        String owner = server.signup("cache-owner@example.org");
        String tenant = server.call("POST", "/api/tenants", owner, Map.of("name", "Uncached"), Map.of())
                .json().path("id").asText();
        Reply code = server.call("GET", "/api/tenants/" + tenant + "/invite-code", owner, null, Map.of());
        assertThat(code.headers()).containsEntry("cache-control", List.of("no-store"))
                .containsEntry("strict-transport-security", List.of("max-age=31536000"));
    }

    /**
     * The pages' session in the real server: the base URL (https here) reaches the HTTP side, so
     * the cookie is Secure and only the base URL's origin may write with it.
     */
    @Test
    void thePagesCookieIsSecureBehindHttpsAndWritesOnlyFromTheBaseUrlsOrigin() {
        String access = server.signup("cookie@example.org");
        Reply traded = server.call("POST", "/api/auth/session", null, Map.of("access_token", access),
                Map.of("Origin", "https://app.acme.test"));
        assertThat(traded.status()).as(traded.body()).isEqualTo(200);
        String setCookie = traded.headers().get("set-cookie").get(0);
        assertThat(setCookie).startsWith("__Host-invitekit_session=").contains("; HttpOnly; SameSite=Lax; Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(server.call("GET", "/api/me", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(200);
        Reply crossSite = server.call("PATCH", "/api/me", null, Map.of("first_name", "Mal", "last_name", "Lory"),
                Map.of("Cookie", cookie, "Origin", "http://evil.example"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.code()).isEqualTo("cross_site_request");
        Reply out = server.call("DELETE", "/api/auth/session", null, null,
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "same-origin"));
        assertThat(out.status()).isEqualTo(204);
        assertThat(server.call("GET", "/api/me", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(401);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Map<String, Object> accept(String subdomain) {
        Map<String, Object> body = new HashMap<>();
        body.put("password", "the owner's password");
        body.put("first_name", "Grace");
        body.put("last_name", "Hopper");
        body.put("business_name", "Bright Bakery");
        body.put("subdomain", subdomain);
        return body;
    }

    /**
     * Waits (with a deadline) for the first email to {@code recipient}. Emails to others (sign-ups'
     * verification emails) may arrive in between, so it looks for the recipient, not a count.
     */
    private MimeMessage awaitEmailTo(String recipient) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (true) {
            MimeMessage[] received = smtp.getReceivedMessages();
            for (MimeMessage message : received) {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
                    return message;
                }
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("no email to " + recipient + " within 60 s");
            }
            smtp.waitForIncomingEmail(250, received.length + 1); // returns as soon as one more arrives
        }
    }


    private static String linkIn(MimeMessage message) throws Exception {
        Matcher matcher = LINK.matcher(Emails.plainText(message));
        assertThat(matcher.find()).as("the email carries the link").isTrue();
        return matcher.group(1);
    }
}

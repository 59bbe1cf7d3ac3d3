package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.shared.EmailAddress;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin in a host's own Javalin, under a path, with the host's identity: Invitekit's rules,
 * JSON and problem answers apply under its path, and the host's routes, JSON mapper and error
 * handling stay the host's.
 */
class PluginInAHostAppTest {
    private static final UserId ADMIN = new UserId(UUID.fromString("00000000-0000-4000-8000-00000000000a"));
    private static final UserId OWNER = new UserId(UUID.fromString("00000000-0000-4000-8000-00000000000b"));
    private static final Map<String, Caller> SESSIONS = Map.of(
            "admin-session", Caller.verified(Actor.platformAdmin(ADMIN), EmailAddress.of("ada@host.test")),
            "owner-session", Caller.verified(Actor.user(OWNER), EmailAddress.of("owner@host.test")),
            "unverified-session", Caller.of(Actor.user(new UserId(UUID.randomUUID()))));

    private final RecordingMailSender mail = new RecordingMailSender();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Invitekit kit;
    private Javalin host;
    private String base;

    /** A host with its own JSON style (camelCase), its own 404 page and its own exception handler. */
    @BeforeEach
    void startTheHost() {
        kit = Invitekit.builder().inMemory().mailSender(mail)
                .userDirectory(ids -> Map.of(ADMIN, new UserProfile(ADMIN, EmailAddress.of("ada@host.test"), "Ada", "Admin"),
                        OWNER, new UserProfile(OWNER, EmailAddress.of("owner@host.test"), "Olga", "Owner")))
                .build();
        host = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            config.router.ignoreTrailingSlashes = false;
            config.routes.get("/hello", ctx -> ctx.json(Map.of("greetingText", "hi")));
            config.routes.post("/upload", ctx -> ctx.result("got " + ctx.bodyAsBytes().length));
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("the host's own failure");
            });
            config.routes.exception(IllegalStateException.class, (e, ctx) -> ctx.status(418).result("host handled it"));
            config.routes.error(404, ctx -> ctx.result("host's own 404"));
            config.registerPlugin(new InvitekitPlugin(kit, invitekit -> {
                invitekit.path = "/invitekit";
                invitekit.authentication = ctx -> Optional.ofNullable(ctx.cookie("host-session")).map(SESSIONS::get);
            }));
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + host.port();
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void anAdminOfTheHostInvitesAndTheSignedInOwnerAcceptsWithoutAPassword() throws Exception {
        HttpResponse<String> created = send("POST", "/invitekit/api/platform/tenant-invitations", "admin-session",
                "{\"email\":\"owner@host.test\",\"suggested_business_name\":\"Bright Bakery\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read(created).path("invited_by").path("name").asText()).isEqualTo("Ada Admin");
        kit.delivery().relayOnce();
        String token = mail.sent(TenantInvitationMail.class).get(0).token();

        HttpResponse<String> accepted = send("POST", "/invitekit/api/platform/tenant-invitations/token/" + token + "/accept",
                "owner-session", "{\"business_name\":\"Bright Bakery\",\"subdomain\":\"bright\"}");

        assertThat(accepted.statusCode()).isEqualTo(201);
        JsonNode tenant = read(accepted).path("tenant");
        assertThat(tenant.path("subdomain").asText()).isEqualTo("bright");
        assertThat(tenant.path("members").get(0).path("role").asText()).isEqualTo("OWNER");
        assertThat(tenant.path("members").get(0).path("user").path("first_name").asText()).isEqualTo("Olga");
    }

    @Test
    void accepting_needs_the_invitations_verified_email() throws Exception {
        send("POST", "/invitekit/api/platform/tenant-invitations", "admin-session", "{\"email\":\"someone@else.test\"}");
        kit.delivery().relayOnce();
        String token = mail.sent(TenantInvitationMail.class).get(0).token();
        String body = "{\"business_name\":\"Not Mine\",\"subdomain\":\"not-mine\"}";

        HttpResponse<String> otherEmail = send("POST", "/invitekit/api/platform/tenant-invitations/token/" + token + "/accept",
                "owner-session", body);
        HttpResponse<String> unverified = send("POST", "/invitekit/api/platform/tenant-invitations/token/" + token
                + "/accept", "unverified-session", body);
        HttpResponse<String> anonymous = send("POST", "/invitekit/api/platform/tenant-invitations/token/" + token
                + "/accept", null, body);

        assertThat(otherEmail.statusCode()).isEqualTo(403);
        assertThat(read(otherEmail).path("code").asText()).isEqualTo("forbidden");
        assertThat(unverified.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get("/invitekit/api/platform/tenant-invitations/token/" + token).statusCode())
                .as("still open").isEqualTo(200);
    }

    @Test
    void theHostsSignedInUserAcceptsAMemberInvitationWithTheHostsVerifiedEmail() throws Exception {
        HttpResponse<String> family = send("POST", "/invitekit/api/tenants", "owner-session", "{\"name\":\"Olga's\"}");
        String tenant = read(family).path("id").asText();
        HttpResponse<String> invited = send("POST", "/invitekit/api/tenants/" + tenant + "/invitations", "owner-session",
                "{\"email\":\"ada@host.test\",\"role\":\"ADMIN\"}");
        assertThat(invited.statusCode()).isEqualTo(201);
        assertThat(read(invited).path("invited_by").path("first_name").asText()).isEqualTo("Olga");
        kit.delivery().relayOnce();
        String token = mail.sent(MemberInvitationMail.class).get(0).token();
        String accept = "/invitekit/api/invitations/token/" + token + "/accept";

        HttpResponse<String> unverified = send("POST", accept, "unverified-session", null);
        HttpResponse<String> anonymous = send("POST", accept, null, null);
        HttpResponse<String> withPassword = send("POST", accept, "admin-session", "{\"password\":\"not here\"}");
        HttpResponse<String> otherEmail = send("POST", accept, "owner-session", null);
        HttpResponse<String> accepted = send("POST", accept, "admin-session", null);

        assertThat(unverified.statusCode()).isEqualTo(403);
        assertThat(read(unverified).path("code").asText()).isEqualTo("forbidden");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(withPassword.statusCode()).as("the host signs its users in").isEqualTo(422);
        assertThat(otherEmail.statusCode()).isEqualTo(403);
        assertThat(read(otherEmail).path("code").asText()).isEqualTo("email_mismatch");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(read(accepted).path("role").asText()).isEqualTo("ADMIN");
        assertThat(read(accepted).path("already_member").asBoolean()).isFalse();
        HttpResponse<String> members = send("GET", "/invitekit/api/tenants/" + tenant + "/members", "admin-session", null);
        assertThat(read(members).path("items").size()).isEqualTo(2);
        assertThat(read(members).path("items").get(1).path("user").path("first_name").asText()).isEqualTo("Ada");
    }

    @Test
    void theHostsRoutesKeepTheirOwnJsonErrorsAndHeaders() throws Exception {
        HttpResponse<String> hello = get("/hello");
        assertThat(hello.body()).isEqualTo("{\"greetingText\":\"hi\"}");
        assertThat(hello.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(hello.headers().firstValue("X-Content-Type-Options")).isEmpty();

        HttpResponse<String> missing = get("/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("host's own 404");

        HttpResponse<String> boom = get("/boom");
        assertThat(boom.statusCode()).isEqualTo(418);
        assertThat(boom.body()).isEqualTo("host handled it");

        HttpResponse<String> big = send("POST", "/upload", null, "x".repeat(100_000));
        assertThat(big.statusCode()).as("Invitekit's 64 KiB limit is not the host's").isEqualTo(200);
        assertThat(big.body()).isEqualTo("got 100000");
    }

    @Test
    void underItsPathInvitekitAnswersItsOwnWay() throws Exception {
        HttpResponse<String> missing = get("/invitekit/api/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(read(missing).path("code").asText()).isEqualTo("not_found");

        HttpResponse<String> me = send("GET", "/invitekit/api/me/memberships", "owner-session", null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(me.body()).contains("\"next_cursor\"");

        HttpResponse<String> slash = send("GET", "/invitekit/api/me/memberships/", "owner-session", null);
        assertThat(slash.statusCode()).as("a trailing slash, though the host's router does not ignore them").isEqualTo(200);

        HttpResponse<String> tooBig = send("POST", "/invitekit/api/tenants", "owner-session",
                "{\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(read(tooBig).path("code").asText()).isEqualTo("payload_too_large");

        HttpResponse<String> forbidden = send("GET", "/invitekit/api/platform/tenants", "owner-session", null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(read(forbidden).path("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void withoutItsOwnAccountsThereAreNoPasswordRoutes() throws Exception {
        assertThat(kit.hasAccounts()).isFalse();
        HttpResponse<String> login = send("POST", "/invitekit/api/auth/login", null,
                "{\"email\":\"ada@host.test\",\"password\":\"whatever it is\"}");
        assertThat(login.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, "no-session", "");
    }

    private HttpResponse<String> send(String method, String path, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        if (session != null) {
            request.header("Cookie", "host-session=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }
}

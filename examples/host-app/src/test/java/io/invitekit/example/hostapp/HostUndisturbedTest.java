package io.invitekit.example.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invitekit's plugin keeps to its path: the host's routes answer with the host's JSON, the
 * host's errors and the host's headers, and Invitekit's with its own.
 */
class HostUndisturbedTest {
    private TestDatabase database;
    private RunningHost host;
    private Browser ada;

    @BeforeEach
    void start() throws SQLException {
        database = TestDatabase.of(TestDatabase.Kind.H2);
        host = RunningHost.on(database.dataSource());
        ada = host.signedIn(host.user("ada@host.test", "Ada Lovelace", true, false));
    }

    @AfterEach
    void stop() throws SQLException {
        host.close();
        database.close();
    }

    @Test
    void an_unknown_path_of_the_host_gets_the_hosts_404_and_one_under_the_api_gets_invitekits_problem() {
        Browser.Response hosts = ada.get("/no/such/page");
        assertThat(hosts.status()).isEqualTo(404);
        assertThat(hosts.contentType()).startsWith("application/json");
        assertThat(hosts.json().path("error").asText()).as(hosts.body()).isEqualTo("no such page");
        assertThat(hosts.json().path("path").asText()).isEqualTo("/no/such/page");
        assertThat(hosts.header("Cache-Control")).isEmpty();

        Browser.Response outsideTheApi = ada.get("/invitekit/no-such-page");
        assertThat(outsideTheApi.status()).isEqualTo(404);
        assertThat(outsideTheApi.json().path("error").asText()).as(outsideTheApi.body()).isEqualTo("no such page");

        Browser.Response invitekits = ada.get("/invitekit/api/no/such/resource").isProblem(404, "not_found");
        assertThat(invitekits.header("Cache-Control")).contains("no-store");
    }

    @Test
    void the_hosts_json_stays_camel_case_and_uncached_while_invitekits_is_snake_case_and_no_store() {
        Browser.Response me = ada.get("/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(me.json().path("emailVerified").asBoolean()).isTrue();
        assertThat(me.json().has("display_name")).isFalse();
        assertThat(me.header("Cache-Control")).isEmpty();
        assertThat(me.header("Referrer-Policy")).as("Invitekit's security headers stay under its path").isEmpty();

        Browser.Response family = ada.post("/invitekit/api/tenants", "{\"name\":\"The Lovelaces\"}");
        assertThat(family.status()).as(family.body()).isEqualTo(201);
        assertThat(family.json().has("created_at")).as(family.body()).isTrue();
        assertThat(family.json().has("createdAt")).isFalse();
        assertThat(family.header("Cache-Control")).contains("no-store");
    }

    @Test
    void each_side_answers_its_own_failures_in_its_own_form() {
        Browser.Response hostRefusal = host.anonymous().get("/me");
        assertThat(hostRefusal.status()).isEqualTo(401);
        assertThat(hostRefusal.json().path("error").asText()).isEqualTo("sign in first");
        Browser.Response hostBadBody = ada.post("/login", "{not json");
        assertThat(hostBadBody.status()).isEqualTo(400);
        assertThat(hostBadBody.json().path("error").asText()).as(hostBadBody.body()).isEqualTo("malformed request");
        Browser.Response wrongPassword = host.anonymous().logIn("ada@host.test", "not the password");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("error").asText()).isEqualTo("wrong email or password");

        host.anonymous().get("/invitekit/api/tenants/00000000-0000-7000-8000-000000000000")
                .isProblem(401, "unauthenticated");
        ada.post("/invitekit/api/tenants", "{not json").isProblem(400, "malformed_body");
        ada.post("/invitekit/api/platform/tenant-invitations", "{\"email\":\"x@example.org\"}").isProblem(403, "forbidden");
        // 404s a handler explains keep their own code, though the host has a 404 page of its own
        ada.get("/invitekit/api/tenants/00000000-0000-7000-8000-000000000000").isProblem(404, "not_found");
        ada.post("/invitekit/api/join", "{\"code\":\"ZZZZ-ZZZZ\"}").isProblem(404, "invalid_code");
    }
}

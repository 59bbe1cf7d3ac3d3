package io.invitekit.example.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both of Invitekit's flows through the host: users log in to the host, and Invitekit's API,
 * mounted under {@code /invitekit}, knows them from the host's session alone.
 */
abstract class EmbeddedFlows {
    private static final String INVITATIONS = "/invitekit/api/platform/tenant-invitations";

    protected abstract TestDatabase.Kind kind();

    private TestDatabase database;
    private RunningHost host;

    @BeforeEach
    void start() throws SQLException {
        database = TestDatabase.of(kind());
        host = RunningHost.on(database.dataSource());
    }

    @AfterEach
    void stop() throws SQLException {
        if (host != null) {
            host.close();
        }
        if (database != null) { // null when the database kind is not available here
            database.close();
        }
    }

    @Test
    void a_host_admin_invites_an_owner_who_accepts_as_their_own_host_user() {
        Account admin = host.user("ada@host.test", "Ada Admin", true, true);
        Account owner = host.user("grace@example.org", "Grace Hopper", false, false);
        Account stranger = host.user("mallory@example.org", "Mallory", true, false);
        Browser adminBrowser = host.signedIn(admin);

        Browser.Response created = adminBrowser.post(INVITATIONS, "{\"email\":\"Grace@Example.org\","
                + "\"suggested_business_name\":\"Bright Bakery\",\"subscription_tier\":\"STARTER\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("invited_by").path("name").asText()).as("the inviter, from the host's users")
                .isEqualTo("Ada Admin");
        assertThat(created.json().path("invited_by").path("id").asText()).isEqualTo(admin.id().toString());
        host.signedIn(stranger).post(INVITATIONS, "{\"email\":\"x@example.org\"}")
                .isProblem(403, "forbidden"); // only the host's admins are platform admins

        String token = host.deliverInvitationTo("grace@example.org");
        Mailbox.Message mail = host.app().mailbox().sentTo("grace@example.org").get(0);
        assertThat(mail.subject()).isEqualTo("Ada Admin invites you to Host App");
        assertThat(mail.text()).contains("Bright Bakery").contains("STARTER");

        Browser anonymous = host.anonymous();
        Browser.Response page = anonymous.get("/accept-invitation?token=" + token); // where the link leads: the host's page
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(INVITATIONS + "/token/" + token + "/accept");
        Browser.Response preview = anonymous.get(INVITATIONS + "/token/" + token);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("inviter_name").asText()).isEqualTo("Ada Admin");
        String accept = INVITATIONS + "/token/" + token + "/accept";
        String business = "{\"business_name\":\"Bright Bakery\",\"subdomain\":\"bright-bakery\"}";
        anonymous.post(accept, business).isProblem(401, "unauthenticated");
        Browser ownerBrowser = host.signedIn(owner);
        ownerBrowser.post(accept, business).isProblem(403, "forbidden"); // the right address, not yet verified
        host.signedIn(stranger).post(accept, business).isProblem(403, "forbidden"); // verified, another address

        host.app().accounts().verifyEmail(owner.id()); // the host's own email verification
        Browser.Response accepted = ownerBrowser.post(accept, business);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().path("owner_id").asText()).isEqualTo(owner.id().toString());
        String tenantId = accepted.json().path("tenant").path("id").asText();
        Browser.Response tenant = ownerBrowser.get("/invitekit/api/tenants/" + tenantId);
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(200);
        assertThat(tenant.json().path("subdomain").asText()).isEqualTo("bright-bakery");
        assertThat(tenant.json().path("subscription_tier").asText()).isEqualTo("STARTER");
        assertThat(members(tenant.json())).containsExactly(
                new Member(owner.id().toString(), "grace@example.org", "Grace Hopper", "OWNER"));
        ownerBrowser.post(accept, business).isProblem(410, "invitation_accepted");
        host.signedIn(stranger).get("/invitekit/api/tenants/" + tenantId).isProblem(404, "not_found"); // not a member
    }

    @Test
    void a_host_user_creates_a_family_and_another_host_user_joins_it_with_its_code() {
        Account alice = host.user("alice@example.org", "Alice Smith", true, false);
        Account bob = host.user("bob@example.org", "Bob Smith", false, false); // joining needs no verified email
        Browser aliceBrowser = host.signedIn(alice);
        Browser bobBrowser = host.signedIn(bob);

        Browser.Response family = aliceBrowser.post("/invitekit/api/tenants", "{\"name\":\"The Smiths\"}");
        assertThat(family.status()).as(family.body()).isEqualTo(201);
        String familyId = family.json().path("id").asText();
        Browser.Response code = aliceBrowser.get("/invitekit/api/tenants/" + familyId + "/invite-code");
        assertThat(code.status()).as(code.body()).isEqualTo(200);
        assertThat(code.json().path("enabled").asBoolean()).isTrue();
        bobBrowser.get("/invitekit/api/tenants/" + familyId + "/invite-code").isProblem(404, "not_found"); // not yet a member

        Browser.Response joined = bobBrowser.post("/invitekit/api/join",
                "{\"code\":\"" + code.json().path("display").asText().toLowerCase() + "\"}");

        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        assertThat(joined.json().path("role").asText()).isEqualTo("MEMBER");
        assertThat(joined.json().path("tenant").path("id").asText()).isEqualTo(familyId);
        assertThat(joined.json().path("already_member").asBoolean()).isFalse();
        Browser.Response seenByBob = bobBrowser.get("/invitekit/api/tenants/" + familyId);
        assertThat(seenByBob.status()).as(seenByBob.body()).isEqualTo(200);
        assertThat(members(seenByBob.json())).containsExactlyInAnyOrder(
                new Member(alice.id().toString(), "alice@example.org", "Alice Smith", "OWNER"),
                new Member(bob.id().toString(), "bob@example.org", "Bob Smith", "MEMBER"));
    }

    record Member(String id, String email, String name, String role) {
    }

    private static List<Member> members(JsonNode tenant) {
        List<Member> members = new ArrayList<>();
        for (JsonNode m : tenant.path("members")) {
            JsonNode user = m.path("user");
            members.add(new Member(user.path("id").asText(), user.path("email").asText(),
                    (user.path("first_name").asText() + " " + user.path("last_name").asText()).strip(),
                    m.path("role").asText()));
        }
        return members;
    }
}

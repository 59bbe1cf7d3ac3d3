package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Member invitations, the link's preview and accept, and managing members, over HTTP and against openapi.yaml. */
class MemberApiTest {
    private final ApiServer api = new ApiServer();
    private int users;

    @AfterEach
    void stop() {
        api.close();
    }

    // ---------------------------------------------------------------- invitations

    @Test
    void anOwnerInvitesByEmailWithARoleAndSeesTheInvitation() {
        Family family = family();

        Reply invited = api.post(family.path("/invitations"), family.owner(),
                Map.of("email", "Bob@Example.org", "role", "ADMIN", "expires_in_days", 3));

        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.json().path("tenant_id").asText()).isEqualTo(family.id());
        assertThat(invited.json().path("email").asText()).isEqualTo("bob@example.org");
        assertThat(invited.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(invited.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(invited.json().path("invited_by").path("first_name").asText()).isEqualTo("Ada");
        assertThat(invited.json().path("expires_at").asText()).isEqualTo("2026-11-24T09:00:00Z");
        assertThat(invited.json().path("delivery").path("state").asText()).isEqualTo("QUEUED");
        assertThat(invited.json().path("accepted_by").isNull()).isTrue();
        assertThat(invited.body()).as("the token never shows").doesNotContain(api.tokenOf(id(invited)));

        Reply list = api.get(family.path("/invitations?status=pending&email=BOB@example.org&limit=10"), family.owner());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.items("id")).containsExactly(id(invited));
        assertThat(list.json().path("next_cursor").isNull()).isTrue();
        assertThat(api.get(family.path("/invitations?status=ACCEPTED"), family.owner()).items("id")).isEmpty();
    }

    @Test
    void oneInvitationIsPendingPerTenantAndEmail() {
        Family family = family();
        api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "MEMBER"));

        Reply again = api.post(family.path("/invitations"), family.owner(), Map.of("email", "BOB@example.org", "role", "MEMBER"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("invitation_pending_exists");
    }

    @Test
    void membersAndPendingInvitationsShareTheTenantsSeats() {
        Family family = family(); // FREE: 6 users; the owner holds one seat
        for (int i = 1; i <= 5; i++) {
            assertThat(api.post(family.path("/invitations"), family.owner(),
                    Map.of("email", "guest" + i + "@example.org", "role", "MEMBER")).status()).isEqualTo(201);
        }

        Reply full = api.post(family.path("/invitations"), family.owner(), Map.of("email", "late@example.org", "role", "MEMBER"));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("tenant_full");

        String code = api.get(family.path("/invite-code"), family.owner()).json().path("code").asText();
        Reply joined = api.post("/api/join", api.newUserToken(), Map.of("code", code));
        assertThat(joined.status()).as("pending invitations hold their seats against join codes too").isEqualTo(409);
        assertThat(joined.code()).isEqualTo("tenant_full");
    }

    @Test
    void invitingIsForOwnersAndAdminsAndAdminsOnlyInviteMembers() {
        Family family = family();
        String admin = withRole(family, Role.ADMIN);
        String member = withRole(family, Role.MEMBER);
        String stranger = api.newUserToken();
        Map<String, Object> asMember = Map.of("email", "x@example.org", "role", "MEMBER");

        assertThat(api.post(family.path("/invitations"), member, asMember).code()).isEqualTo("forbidden");
        assertThat(api.get(family.path("/invitations"), member).code()).isEqualTo("forbidden");
        assertThat(api.post(family.path("/invitations"), admin, Map.of("email", "y@example.org", "role", "ADMIN")).code())
                .isEqualTo("forbidden");
        assertThat(api.post(family.path("/invitations"), stranger, asMember).code()).isEqualTo("not_found");
        assertThat(api.get(family.path("/invitations"), stranger).status()).isEqualTo(404);
        assertThat(api.raw("POST", family.path("/invitations"), ApiServer.ANONYMOUS,
                "{\"email\":\"x@example.org\",\"role\":\"MEMBER\"}", Map.of()).code()).isEqualTo("unauthenticated");
        assertThat(api.anonymous("GET", family.path("/invitations"), Map.of()).status()).isEqualTo(401);
        assertThat(api.post("/api/tenants/not-a-uuid/invitations", family.owner(), asMember).status()).isEqualTo(404);

        Reply byAdmin = api.post(family.path("/invitations"), admin, asMember);
        assertThat(byAdmin.status()).isEqualTo(201);
        Reply adminInvitation = api.post(family.path("/invitations"), family.owner(),
                Map.of("email", "z@example.org", "role", "ADMIN"));
        api.clock.advance(Duration.ofMinutes(2));
        assertThat(api.post(family.path("/invitations/" + id(adminInvitation) + "/resend"), admin, null).code())
                .as("an admin manages no ADMIN invitation").isEqualTo("forbidden");
        assertThat(api.delete(family.path("/invitations/" + id(adminInvitation)), admin).code()).isEqualTo("forbidden");
        assertThat(api.delete(family.path("/invitations/" + id(byAdmin)), member).code()).isEqualTo("forbidden");
        assertThat(api.delete(family.path("/invitations/" + id(byAdmin)), admin).status()).isEqualTo(200);
    }

    @Test
    void malformedInvitationsAre422AndNever500() {
        Family family = family();
        String path = family.path("/invitations");

        Reply owner = api.raw("POST", path, family.owner(), "{\"email\":\"a@example.org\",\"role\":\"OWNER\"}", Map.of());
        Reply unknown = api.raw("POST", path, family.owner(), "{\"email\":\"a@example.org\",\"role\":\"boss\"}", Map.of());
        Reply noRole = api.raw("POST", path, family.owner(), "{\"email\":\"a@example.org\"}", Map.of());
        Reply badEmail = api.raw("POST", path, family.owner(), "{\"email\":\"not an email\",\"role\":\"MEMBER\"}", Map.of());
        Reply tooLong = api.post(path, family.owner(), Map.of("email", "a@example.org", "role", "MEMBER", "expires_in_days", 31));
        Reply notJson = api.raw("POST", path, family.owner(), "{\"email\":", Map.of());
        Reply badStatus = api.raw("GET", path + "?status=maybe", family.owner(), null, Map.of());
        Reply badLimit = api.get(path + "?limit=many", family.owner());

        for (Reply refused : List.of(owner, unknown, noRole, badEmail, tooLong, badStatus, badLimit)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(fields(owner)).containsExactly("role");
        assertThat(fields(unknown)).containsExactly("role");
        assertThat(fields(noRole)).containsExactly("role");
        assertThat(fields(badEmail)).containsExactly("email");
        assertThat(fields(tooLong)).containsExactly("expires_in_days");
        assertThat(fields(badStatus)).containsExactly("status");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("malformed_body");
    }

    @Test
    void resendRotatesTheLinkWithinTheCooldownAndRevokeCancels() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "MEMBER"));
        String first = api.tokenOf(id(invited));
        String resend = family.path("/invitations/" + id(invited) + "/resend");

        Reply tooSoon = api.post(resend, family.owner(), null);
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.code()).isEqualTo("resend_too_soon");
        assertThat(tooSoon.header("Retry-After")).isNotNull();

        api.clock.advance(Duration.ofMinutes(2));
        Reply resent = api.post(resend, family.owner(), null);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().path("resend_count").asInt()).isEqualTo(1);
        String second = api.tokenOf(id(invited));
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/api/invitations/token/" + first, ApiServer.ANONYMOUS).status()).as("the old link died").isEqualTo(404);
        assertThat(api.get("/api/invitations/token/" + second, ApiServer.ANONYMOUS).status()).isEqualTo(200);

        Reply revoked = api.delete(family.path("/invitations/" + id(invited)), family.owner());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(revoked.json().path("cancelled_at").asText()).isNotEmpty();

        Reply preview = api.get("/api/invitations/token/" + second, ApiServer.ANONYMOUS);
        assertThat(preview.status()).isEqualTo(410);
        assertThat(preview.code()).isEqualTo("invitation_cancelled");
        String bob = api.signup("bob@example.org").json().path("access_token").asText();
        assertThat(api.post("/api/invitations/token/" + second + "/accept", bob, null).code())
                .isEqualTo("invitation_cancelled");
        Reply again = api.delete(family.path("/invitations/" + id(invited)), family.owner());
        assertThat(again.status()).isIn(409, 410);
        assertThat(api.delete(family.path("/invitations/" + java.util.UUID.randomUUID()), family.owner()).status())
                .isEqualTo(404);
        assertThat(api.delete(family.path("/invitations/nonsense"), family.owner()).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- the link

    @Test
    void theLinksPreviewIsPublicUncachedAndChangesNothing() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "ADMIN"));
        String token = api.tokenOf(id(invited));

        Reply preview = api.get("/api/invitations/token/" + token, ApiServer.ANONYMOUS);
        Reply head = api.head("/api/invitations/token/" + token);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.header("Cache-Control")).isEqualTo("no-store");
        assertThat(preview.json().path("tenant_name").asText()).isEqualTo("The Smiths");
        assertThat(preview.json().path("inviter_name").asText()).isEqualTo("Ada Lovelace");
        assertThat(preview.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(preview.json().path("email").asText()).isEqualTo("bob@example.org");
        assertThat(preview.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(head.status()).isEqualTo(200);
        assertThat(api.get("/api/invitations/token/unknown-token", ApiServer.ANONYMOUS).status()).isEqualTo(404);
        assertThat(api.get(family.path("/invitations?status=PENDING"), family.owner()).items("id")).containsExactly(id(invited));
    }

    @Test
    void anExpiredLinkIsGone() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(),
                Map.of("email", "bob@example.org", "role", "MEMBER", "expires_in_days", 1));
        String token = api.tokenOf(id(invited));
        api.clock.advance(Duration.ofDays(1).plusMinutes(1));

        Reply preview = api.get("/api/invitations/token/" + token, ApiServer.ANONYMOUS);
        assertThat(preview.status()).isEqualTo(410);
        assertThat(preview.code()).isEqualTo("invitation_expired");
        Reply accept = api.post("/api/invitations/token/" + token + "/accept", ApiServer.ANONYMOUS,
                Map.of("password", ApiServer.PASSWORD, "first_name", "Bob", "last_name", "Smith"));
        assertThat(accept.code()).isEqualTo("invitation_expired");
    }

    @Test
    void aSignedInUserWithTheInvitedEmailAcceptsWithoutABody() {
        Family family = family();
        String bob = api.signup("bob@example.org").json().path("access_token").asText();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "ADMIN"));
        String accept = "/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept";

        Reply joined = api.post(accept, bob, null);

        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.header("Cache-Control")).isEqualTo("no-store");
        assertThat(joined.json().path("tenant").path("id").asText()).isEqualTo(family.id());
        assertThat(joined.json().path("tenant").path("name").asText()).isEqualTo("The Smiths");
        assertThat(joined.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(joined.json().path("already_member").asBoolean()).isFalse();
        assertThat(api.get(family.path("/members"), bob).items("role")).containsExactly("OWNER", "ADMIN");
        Reply listed = api.get(family.path("/invitations?status=ACCEPTED"), family.owner());
        assertThat(listed.json().path("items").get(0).path("accepted_by").asText()).isNotEmpty();

        Reply twice = api.post(accept, bob, null);
        assertThat(twice.status()).isEqualTo(410);
        assertThat(twice.code()).isEqualTo("invitation_accepted");
    }

    @Test
    void aMemberAcceptingKeepsTheHigherRole() {
        Family family = family();
        String member = api.signup("member@example.org").json().path("access_token").asText();
        String code = api.get(family.path("/invite-code"), family.owner()).json().path("code").asText();
        api.post("/api/join", member, Map.of("code", code));
        Reply invited = api.post(family.path("/invitations"), family.owner(),
                Map.of("email", "member@example.org", "role", "ADMIN"));

        Reply accepted = api.post("/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept", member, null);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().path("already_member").asBoolean()).isTrue();
        assertThat(accepted.json().path("role").asText()).isEqualTo("ADMIN");
    }

    @Test
    void thePagesCookieAcceptsFromTheSameOriginOnly() {
        Family family = family();
        api.signup("bob@example.org");
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "MEMBER"));
        String accept = "/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept";
        Reply session = api.send("POST", "/api/auth/session", ApiServer.ANONYMOUS,
                "{\"email\":\"bob@example.org\",\"password\":\"" + ApiServer.PASSWORD + "\"}",
                Map.of("Sec-Fetch-Site", "same-origin"), ApiServer.Check.BOTH);
        String setCookie = session.header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        Reply crossSite = api.send("POST", accept, ApiServer.ANONYMOUS, ApiServer.NO_BODY,
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site"), ApiServer.Check.BOTH);
        Reply joined = api.send("POST", accept, ApiServer.ANONYMOUS, ApiServer.NO_BODY,
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "same-origin"), ApiServer.Check.BOTH);

        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.code()).isEqualTo("cross_site_request");
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("tenant").path("id").asText()).isEqualTo(family.id());
        assertThat(joined.json().path("role").asText()).isEqualTo("MEMBER");
    }

    @Test
    void signedInAsSomeoneElseTheBodyStillAcceptsForTheInvitedAddress() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "new@example.org", "role", "MEMBER"));
        String accept = "/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept";

        Reply joined = api.post(accept, family.owner(), Map.of("password", ApiServer.PASSWORD, "first_name", "Nia",
                "last_name", "New"));

        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("auth").path("user").path("email").asText()).isEqualTo("new@example.org");
        assertThat(joined.json().path("membership").path("role").asText()).isEqualTo("MEMBER");
    }

    @Test
    void anotherSignedInEmailIsAMismatchAndNobodyIsUnauthenticated() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "MEMBER"));
        String token = api.tokenOf(id(invited));
        String accept = "/api/invitations/token/" + token + "/accept";

        Reply mismatch = api.post(accept, api.newUserToken(), null);
        Reply anonymous = api.post(accept, ApiServer.ANONYMOUS, null);

        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.code()).isEqualTo("email_mismatch");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/invitations/token/" + token, ApiServer.ANONYMOUS).json().path("status").asText())
                .as("still open").isEqualTo("PENDING");
    }

    @Test
    void signedOutTheLinkMakesAVerifiedAccountAndSignsItIn() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "new@example.org", "role", "MEMBER"));
        String accept = "/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept";

        Reply joined = api.post(accept, ApiServer.ANONYMOUS,
                Map.of("password", ApiServer.PASSWORD, "first_name", "Nia", "last_name", "New"));

        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.header("Cache-Control")).isEqualTo("no-store");
        assertThat(joined.json().path("auth").path("user").path("email").asText()).isEqualTo("new@example.org");
        assertThat(joined.json().path("auth").path("token_type").asText()).isEqualTo("Bearer");
        assertThat(joined.json().path("membership").path("role").asText()).isEqualTo("MEMBER");
        assertThat(joined.json().path("membership").path("already_member").asBoolean()).isFalse();
        String token = joined.json().path("auth").path("access_token").asText();
        assertThat(api.get("/api/me", token).json().path("email_verified").asBoolean()).isTrue();
        assertThat(api.get(family.path(""), token).status()).isEqualTo(200);
    }

    @Test
    void signedOutAVerifiedAccountAcceptsWithItsPassword() {
        Family family = family();
        Reply bob = api.signup("bob@example.org");
        api.storage.accounts().markEmailVerified(
                UserId.parse(bob.json().path("user").path("id").asText()).orElseThrow(), api.clock.instant());
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "MEMBER"));
        String accept = "/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept";

        Reply wrong = api.post(accept, ApiServer.ANONYMOUS, Map.of("password", "not the password at all"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");

        Reply joined = api.post(accept, ApiServer.ANONYMOUS, Map.of("password", ApiServer.PASSWORD));
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("auth").path("user").path("first_name").asText()).isEqualTo("Ada");
        assertThat(joined.json().path("membership").path("tenant").path("id").asText()).isEqualTo(family.id());
    }

    @Test
    void theLinkClaimsAnUnverifiedAccountWithItsAddress() {
        Family family = family();
        String squatter = api.signup("bob@example.org").json().path("access_token").asText();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "bob@example.org", "role", "MEMBER"));
        String accept = "/api/invitations/token/" + api.tokenOf(id(invited)) + "/accept";

        Reply claimed = api.post(accept, ApiServer.ANONYMOUS,
                Map.of("password", "bobs own new password", "first_name", "Bob", "last_name", "Real"));

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().path("auth").path("user").path("first_name").asText()).isEqualTo("Bob");
        assertThat(api.anonymous("GET", "/api/me", Map.of("Authorization", "Bearer " + squatter)).status())
                .as("the old sessions ended").isEqualTo(401);
        assertThat(api.post("/api/auth/login", ApiServer.ANONYMOUS,
                Map.of("email", "bob@example.org", "password", "bobs own new password")).status()).isEqualTo(200);
    }

    @Test
    void malformedAcceptBodiesAre4xxAndChangeNothing() {
        Family family = family();
        Reply invited = api.post(family.path("/invitations"), family.owner(), Map.of("email", "new@example.org", "role", "MEMBER"));
        String token = api.tokenOf(id(invited));
        String accept = "/api/invitations/token/" + token + "/accept";

        Reply noPassword = api.raw("POST", accept, ApiServer.ANONYMOUS, "{\"first_name\":\"Nia\"}", Map.of());
        Reply empty = api.raw("POST", accept, ApiServer.ANONYMOUS, "{}", Map.of());
        Reply unknownField = api.raw("POST", accept, ApiServer.ANONYMOUS, "{\"password\":\"x\",\"role\":\"OWNER\"}", Map.of());
        Reply notJson = api.raw("POST", accept, ApiServer.ANONYMOUS, "password=x", Map.of());

        assertThat(noPassword.status()).isEqualTo(422);
        assertThat(fields(noPassword)).contains("password");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(api.get("/api/invitations/token/" + token, ApiServer.ANONYMOUS).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- members

    @Test
    void membersAreListedOldestFirstAPageAtATime() {
        Family family = family();
        String member = withRole(family, Role.MEMBER);
        withRole(family, Role.ADMIN);

        Reply first = api.get(family.path("/members?limit=2"), member);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.items("role")).containsExactly("OWNER", "MEMBER");
        assertThat(first.json().path("items").get(0).path("user").path("first_name").asText()).isEqualTo("Ada");
        String cursor = first.json().path("next_cursor").asText();
        Reply second = api.get(family.path("/members?limit=2&cursor=" + cursor), member);
        assertThat(second.items("role")).containsExactly("ADMIN");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();

        assertThat(api.get(family.path("/members"), api.newUserToken()).code()).isEqualTo("not_found");
        assertThat(api.anonymous("GET", family.path("/members"), Map.of()).status()).isEqualTo(401);
        assertThat(api.get(family.path("/members?cursor=garbage"), member).status()).isEqualTo(422);
        assertThat(api.get(family.path("/members?limit=0"), member).status()).isEqualTo(422);
    }

    @Test
    void platformAdminsPageAnyTenantsMembersAndNoOneElseMay() {
        Family family = family();
        withRole(family, Role.MEMBER);
        withRole(family, Role.ADMIN);
        String path = "/api/platform/tenants/" + family.id() + "/members";
        String admin = api.adminToken();

        Reply first = api.get(path + "?limit=2", admin);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.items("role")).containsExactly("OWNER", "MEMBER");
        Reply second = api.get(path + "?limit=2&cursor=" + first.json().path("next_cursor").asText(), admin);
        assertThat(second.items("role")).containsExactly("ADMIN");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();

        assertThat(api.get(path, family.owner()).code()).as("members use the tenant's own path").isEqualTo("forbidden");
        assertThat(api.get("/api/platform/tenants/" + java.util.UUID.randomUUID() + "/members", admin).code())
                .isEqualTo("not_found");
        assertThat(api.get(path + "?cursor=garbage", admin).status()).isEqualTo(422);
        assertThat(api.anonymous("GET", path, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aTenantsUsageCountsItsMembersAndPendingInvitationsForMembersAndPlatformAdmins() {
        Family family = family();
        String member = withRole(family, Role.MEMBER);
        assertThat(api.post(family.path("/invitations"), family.owner(),
                Map.of("email", "pending@example.org", "role", "MEMBER")).status()).isEqualTo(201);

        Reply asMember = api.get(family.path(""), member);
        assertThat(asMember.json().path("usage").path("members").asInt()).isEqualTo(2);
        assertThat(asMember.json().path("usage").path("pending_invitations").asInt()).isEqualTo(1);
        Reply listed = api.get("/api/platform/tenants?q=the%20smiths&limit=200", api.adminToken());
        JsonNode mine = null;
        for (JsonNode tenant : listed.json().path("items")) {
            if (tenant.path("id").asText().equals(family.id())) {
                mine = tenant;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("usage").path("members").asInt()).isEqualTo(2);
        assertThat(mine.path("usage").path("pending_invitations").asInt()).isEqualTo(1);
        assertThat(api.get(family.path(""), api.adminToken()).json().path("usage").path("members").asInt()).isEqualTo(2);
    }

    @Test
    void aTenantEmbedsFiftyMembersAndACursorForTheRest() {
        Family family = family();
        for (int i = 0; i < 52; i++) {
            withRole(family, Role.MEMBER);
        }

        Reply tenant = api.get(family.path(""), family.owner());

        assertThat(tenant.status()).isEqualTo(200);
        assertThat(tenant.json().path("members").size()).isEqualTo(50);
        String cursor = tenant.json().path("members_next_cursor").asText();
        assertThat(cursor).isNotEmpty();
        Reply rest = api.get(family.path("/members?cursor=" + cursor), family.owner());
        assertThat(rest.json().path("items").size()).isEqualTo(3);
        assertThat(rest.json().path("next_cursor").isNull()).isTrue();

        Family small = family();
        Reply all = api.get(small.path(""), small.owner());
        assertThat(all.json().path("members").size()).isEqualTo(1);
        assertThat(all.json().has("members_next_cursor")).isTrue();
        assertThat(all.json().path("members_next_cursor").isNull()).isTrue();
    }

    @Test
    void rolesChangeWithinWhatTheCallerManages() {
        Family family = family();
        Member admin = member(family, Role.ADMIN);
        Member member = member(family, Role.MEMBER);
        Member other = member(family, Role.MEMBER);

        Reply promoted = api.patch(family.path("/members/" + member.id()), family.owner(), Map.of("role", "ADMIN"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asText()).isEqualTo("ADMIN");
        assertThat(promoted.json().path("user").path("id").asText()).isEqualTo(member.id());

        assertThat(api.patch(family.path("/members/" + member.id()), admin.token(), Map.of("role", "MEMBER")).code())
                .as("only an owner manages admins").isEqualTo("forbidden");
        assertThat(api.patch(family.path("/members/" + family.ownerId()), admin.token(), Map.of("role", "MEMBER")).code())
                .isEqualTo("forbidden");
        assertThat(api.patch(family.path("/members/" + admin.id()), other.token(), Map.of("role", "MEMBER")).code())
                .isEqualTo("forbidden");
        assertThat(api.patch(family.path("/members/" + other.id()), api.newUserToken(), Map.of("role", "ADMIN")).code())
                .isEqualTo("not_found");
        assertThat(api.raw("PATCH", family.path("/members/" + other.id()), ApiServer.ANONYMOUS, "{\"role\":\"ADMIN\"}",
                Map.of()).status()).isEqualTo(401);
        assertThat(api.patch(family.path("/members/" + java.util.UUID.randomUUID()), family.owner(),
                Map.of("role", "ADMIN")).status()).isEqualTo(404);
        assertThat(api.patch(family.path("/members/" + family.ownerId()), family.owner(), Map.of("role", "ADMIN")).code())
                .as("the last owner").isEqualTo("last_owner");

        Reply toOwner = api.raw("PATCH", family.path("/members/" + other.id()), family.owner(), "{\"role\":\"OWNER\"}", Map.of());
        Reply unknown = api.raw("PATCH", family.path("/members/" + other.id()), family.owner(), "{\"role\":\"king\"}", Map.of());
        Reply none = api.raw("PATCH", family.path("/members/" + other.id()), family.owner(), "{}", Map.of());
        for (Reply refused : List.of(toOwner, unknown, none)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(fields(refused)).containsExactly("role");
        }
    }

    @Test
    void aRemovedMembersNextCallIsRefused() {
        Family family = family();
        Member admin = member(family, Role.ADMIN);
        Member member = member(family, Role.MEMBER);
        Member other = member(family, Role.MEMBER);

        assertThat(api.delete(family.path("/members/" + admin.id()), member.token()).code()).isEqualTo("forbidden");
        assertThat(api.delete(family.path("/members/" + family.ownerId()), admin.token()).code()).isEqualTo("forbidden");
        assertThat(api.delete(family.path("/members/" + other.id()), api.newUserToken()).status()).isEqualTo(404);
        assertThat(api.anonymous("DELETE", family.path("/members/" + other.id()), Map.of()).status()).isEqualTo(401);

        Reply removed = api.delete(family.path("/members/" + member.id()), admin.token());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.get(family.path(""), member.token()).code()).isEqualTo("not_found");
        assertThat(api.get(family.path("/members"), member.token()).status()).isEqualTo(404);
        assertThat(api.delete(family.path("/members/" + member.id()), admin.token()).status()).isEqualTo(404);
        assertThat(api.delete(family.path("/members/" + family.ownerId()), family.owner()).code()).isEqualTo("last_owner");
    }

    @Test
    void membersLeaveButTheLastOwnerStays() {
        Family family = family();
        Member member = member(family, Role.MEMBER);

        assertThat(api.post(family.path("/leave"), member.token(), null).status()).isEqualTo(204);
        assertThat(api.get(family.path(""), member.token()).status()).isEqualTo(404);
        assertThat(api.post(family.path("/leave"), member.token(), null).status()).isEqualTo(404);
        assertThat(api.anonymous("POST", family.path("/leave"), Map.of()).status()).isEqualTo(401);

        Reply last = api.post(family.path("/leave"), family.owner(), null);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.code()).isEqualTo("last_owner");
    }

    @Test
    void anOwnerTransfersTheTenantAndBecomesAnAdmin() {
        Family family = family();
        Member admin = member(family, Role.ADMIN);
        Member member = member(family, Role.MEMBER);

        assertThat(api.post(family.path("/transfer-ownership"), admin.token(), Map.of("user_id", member.id())).code())
                .isEqualTo("forbidden");
        assertThat(api.post(family.path("/transfer-ownership"), api.newUserToken(), Map.of("user_id", member.id())).status())
                .isEqualTo(404);
        assertThat(api.post(family.path("/transfer-ownership"), family.owner(),
                Map.of("user_id", java.util.UUID.randomUUID().toString())).status()).isEqualTo(404);
        Reply self = api.post(family.path("/transfer-ownership"), family.owner(), Map.of("user_id", family.ownerId()));
        assertThat(self.status()).isEqualTo(422);
        assertThat(fields(self)).containsExactly("user_id");
        Reply malformed = api.raw("POST", family.path("/transfer-ownership"), family.owner(), "{\"user_id\":\"me\"}", Map.of());
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(fields(malformed)).containsExactly("user_id");

        Reply transferred = api.post(family.path("/transfer-ownership"), family.owner(), Map.of("user_id", member.id()));

        assertThat(transferred.status()).isEqualTo(200);
        assertThat(transferred.json().path("user").path("id").asText()).isEqualTo(member.id());
        assertThat(transferred.json().path("role").asText()).isEqualTo("OWNER");
        Map<String, String> roles = new HashMap<>();
        api.get(family.path("/members"), member.token()).json().path("items")
                .forEach(m -> roles.put(m.path("user").path("id").asText(), m.path("role").asText()));
        assertThat(roles).containsEntry(member.id(), "OWNER").containsEntry(family.ownerId(), "ADMIN")
                .containsEntry(admin.id(), "ADMIN");
        assertThat(api.post(family.path("/leave"), family.owner(), null).status()).as("no longer the last owner")
                .isEqualTo(204);
    }

    // ---------------------------------------------------------------- helpers

    private record Family(String id, String owner, String ownerId) {
        String path(String rest) {
            return "/api/tenants/" + id + rest;
        }
    }

    private record Member(String id, String token) {
    }

    /** A new tenant "The Smiths" of a new owner (Ada Lovelace). */
    private Family family() {
        Reply owner = api.signup("owner" + (++users) + "@example.org");
        String token = owner.json().path("access_token").asText();
        Reply created = api.post("/api/tenants", token, Map.of("name", "The Smiths"));
        assertThat(created.status()).isEqualTo(201);
        return new Family(id(created), token, owner.json().path("user").path("id").asText());
    }

    private String withRole(Family family, Role role) {
        return member(family, role).token();
    }

    /** A new user with {@code role} in the tenant, put there directly (whatever its seats). */
    private Member member(Family family, Role role) {
        Reply signedUp = api.signup("member" + (++users) + "@example.org");
        UserId user = UserId.parse(signedUp.json().path("user").path("id").asText()).orElseThrow();
        api.clock.advance(Duration.ofSeconds(1)); // joined one after another
        api.storage.memberships().add(new Membership(TenantId.parse(family.id()).orElseThrow(), user, role,
                api.clock.instant()), Limit.UNLIMITED);
        return new Member(user.toString(), signedUp.json().path("access_token").asText());
    }

    private static String id(Reply reply) {
        return reply.json().path("id").asText();
    }

    private static List<String> fields(Reply problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantApiTest {
    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void signUpCreateAFamilyShareTheCodeAndASecondUserJoins() {
        String owner = api.newUserToken();
        Reply family = api.post("/api/tenants/", owner, Map.of("name", "The Smiths"));
        assertThat(family.status()).isEqualTo(201);
        assertThat(family.json().path("subscription_tier").asText()).isEqualTo("FREE");
        String id = family.json().path("id").asText();

        Reply code = api.get("/api/tenants/" + id + "/invite-code", owner);
        String display = code.json().path("display").asText();
        assertThat(display).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");

        String joiner = api.newUserToken();
        String typed = display.toLowerCase().replace("-", " ").replace('0', 'o');
        Reply joined = api.post("/api/join", joiner, Map.of("code", typed));
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("tenant").path("name").asText()).isEqualTo("The Smiths");
        assertThat(joined.json().path("role").asText()).isEqualTo("MEMBER");
        assertThat(joined.json().path("already_member").asBoolean()).isFalse();
        assertThat(api.post("/api/join", joiner, Map.of("code", display)).json().path("already_member").asBoolean()).isTrue();

        Reply tenant = api.get("/api/tenants/" + id, joiner);
        assertThat(tenant.json().path("members").size()).isEqualTo(2);
    }

    @Test
    void anotherTenantsResourcesAre404() {
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Private")).json().path("id").asText();
        String stranger = api.newUserToken();

        assertThat(api.get("/api/tenants/" + id, stranger).code()).isEqualTo("not_found");
        assertThat(api.get("/api/tenants/" + id + "/invite-code", stranger).status()).isEqualTo(404);
        assertThat(api.post("/api/tenants/" + id + "/invite-code/rotate", stranger, null).status()).isEqualTo(404);
        assertThat(api.delete("/api/tenants/" + id + "/invite-code", stranger).status()).isEqualTo(404);
    }

    @Test
    void onlyOwnersAndAdminsRotateOrDisable() {
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
        String code = api.get("/api/tenants/" + id + "/invite-code", owner).json().path("code").asText();
        String member = api.newUserToken();
        api.post("/api/join", member, Map.of("code", code));

        assertThat(api.post("/api/tenants/" + id + "/invite-code/rotate", member, null).code()).isEqualTo("forbidden");
        Reply rotated = api.post("/api/tenants/" + id + "/invite-code/rotate", owner, Map.of("max_uses", 2, "valid_for_hours", 24));
        assertThat(rotated.json().path("max_uses").asInt()).isEqualTo(2);
        assertThat(rotated.json().path("code").asText()).isNotEqualTo(code);
        assertThat(api.post("/api/join", api.newUserToken(), Map.of("code", code)).code()).isEqualTo("invalid_code");

        assertThat(api.delete("/api/tenants/" + id + "/invite-code", owner).status()).isEqualTo(204);
        assertThat(api.post("/api/join", api.newUserToken(), Map.of("code", rotated.json().path("code").asText())).status())
                .isEqualTo(404);
    }

    /** A new user with {@code role} in the tenant (there is no API that makes admins yet); returns its token. */
    private String withRole(String tenantId, Role role) {
        Reply signedUp = api.signup("role-" + role.name().toLowerCase() + "-" + (++roleUsers) + "@example.org");
        UserId user = UserId.parse(signedUp.json().path("user").path("id").asText()).orElseThrow();
        api.storage.memberships().add(new Membership(TenantId.parse(tenantId).orElseThrow(), user, role,
                api.clock.instant()), Limit.UNLIMITED);
        return signedUp.json().path("access_token").asText();
    }

    private int roleUsers;

    @Test
    void aTurnedOffCodeStaysOffForEveryRoleUntilAnOwnerOrAdminRotates() {
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
        String admin = withRole(id, Role.ADMIN);
        String member = withRole(id, Role.MEMBER);
        String stranger = api.newUserToken();
        String path = "/api/tenants/" + id + "/invite-code";
        Reply live = api.get(path, member);
        assertThat(live.json().path("enabled").asBoolean()).isTrue();
        String old = live.json().path("code").asText();

        assertThat(api.delete(path, member).code()).isEqualTo("forbidden");
        assertThat(api.delete(path, stranger).code()).isEqualTo("not_found");
        assertThat(api.delete(path, admin).status()).isEqualTo(204);

        for (String viewer : List.of(member, owner, admin, member)) {
            Reply off = api.get(path, viewer);
            assertThat(off.status()).isEqualTo(200);
            assertThat(off.body()).isEqualToIgnoringWhitespace("{\"enabled\":false}");
        }
        assertThat(api.get(path, stranger).code()).isEqualTo("not_found");
        assertThat(api.post("/api/join", api.newUserToken(), Map.of("code", old)).code()).isEqualTo("invalid_code");

        assertThat(api.post(path + "/rotate", member, null).code()).isEqualTo("forbidden");
        assertThat(api.post(path + "/rotate", stranger, null).code()).isEqualTo("not_found");
        assertThat(api.get(path, owner).json().path("enabled").asBoolean()).isFalse();
        Reply on = api.post(path + "/rotate", admin, null);
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().path("enabled").asBoolean()).isTrue();
        assertThat(on.json().path("code").asText()).isNotEqualTo(old);
        assertThat(api.get(path, member).json().path("code").asText()).isEqualTo(on.json().path("code").asText());

        assertThat(api.delete(path, owner).status()).isEqualTo(204);
        assertThat(api.delete(path, owner).status()).as("idempotent").isEqualTo(204);
        assertThat(api.get(path, admin).json().path("enabled").asBoolean()).isFalse();
        assertThat(api.post(path + "/rotate", owner, Map.of("max_uses", 3)).json().path("max_uses").asInt()).isEqualTo(3);
        assertThat(api.get(path, member).json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void aDeactivatedTenantShowsNoCodeToAnyRoleAndItsCodeCannotBeManaged() {
        String platformAdmin = api.adminToken();
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
        String admin = withRole(id, Role.ADMIN);
        String member = withRole(id, Role.MEMBER);
        String path = "/api/tenants/" + id + "/invite-code";
        String code = api.get(path, owner).json().path("code").asText();
        api.post("/api/platform/tenants/" + id + "/deactivate", platformAdmin, null);

        for (String viewer : List.of(owner, admin, member)) {
            Reply refused = api.get(path, viewer);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("tenant_inactive");
            assertThat(refused.body()).doesNotContain(code);
        }
        assertThat(api.get(path, api.newUserToken()).code()).isEqualTo("not_found");
        assertThat(api.get(path, platformAdmin).code()).as("not a member").isEqualTo("not_found");
        assertThat(api.delete(path, owner).code()).isEqualTo("tenant_inactive");
        assertThat(api.delete(path, admin).code()).isEqualTo("tenant_inactive");
        assertThat(api.delete(path, member).code()).isEqualTo("forbidden");
        assertThat(api.post(path + "/rotate", admin, null).code()).isEqualTo("tenant_inactive");
        assertThat(api.post("/api/join", api.newUserToken(), Map.of("code", code)).code()).isEqualTo("tenant_inactive");

        api.post("/api/platform/tenants/" + id + "/activate", platformAdmin, null);
        assertThat(api.get(path, member).json().path("code").asText()).isEqualTo(code);
    }

    @Test
    void oneAccountOwnsAtMostTenFamiliesThenIsToldSoWith409() {
        String owner = api.newUserToken();
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/tenants", owner, Map.of("name", "Family " + i)).status()).isEqualTo(201);
        }

        Reply refused = api.post("/api/tenants", owner, Map.of("name", "One Too Many"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("tenant_limit_reached");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        String admin = api.adminToken();
        assertThat(api.get("/api/platform/tenants?limit=200", admin).json().path("items").size()).isEqualTo(10);
        for (int i = 0; i < 11; i++) {
            assertThat(api.post("/api/tenants", admin, Map.of("name", "Admin's " + i)).status()).as("admins are exempt")
                    .isEqualTo(201);
        }
    }

    @Test
    void malformedAndWrongCodesAreToldApart() {
        String user = api.newUserToken();
        Reply malformed = api.post("/api/join", user, Map.of("code", "UUUU-UUUU"));
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.code()).isEqualTo("malformed_code");
        Reply wrong = api.post("/api/join", user, Map.of("code", "ZZZZ-ZZZZ"));
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.code()).isEqualTo("invalid_code");
    }

    @Test
    void tenWrongCodesLockTheAccountOutEvenForTheRightOne() {
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
        String code = api.get("/api/tenants/" + id + "/invite-code", owner).json().path("code").asText();
        String guesser = api.newUserToken();
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/join", guesser, Map.of("code", "ZZZZ-ZZZ" + i)).status()).isEqualTo(404);
        }
        Reply locked = api.post("/api/join", guesser, Map.of("code", code));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
    }

    @Test
    void xForwardedForFromAnUntrustedPeerDoesNotDodgeTheAddressLimit() {
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
        String code = api.get("/api/tenants/" + id + "/invite-code", owner).json().path("code").asText();
        for (int i = 0; i < 30; i++) {
            String user = api.newUserToken();
            api.raw("POST", "/api/join", user, "{\"code\":\"ZZZZ-ZZZZ\"}",
                    Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100." + i));
        }
        Reply blocked = api.raw("POST", "/api/join", api.newUserToken(), "{\"code\":\"" + code + "\"}",
                Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100.250"));
        assertThat(blocked.status()).isEqualTo(429);
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheClientAddress() {
        try (ApiServer proxied = new ApiServer(s -> s.withTrustedProxies(List.of("127.0.0.0/8")))) {
            String owner = proxied.newUserToken();
            String id = proxied.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
            String code = proxied.get("/api/tenants/" + id + "/invite-code", owner).json().path("code").asText();
            for (int i = 0; i < 30; i++) {
                proxied.raw("POST", "/api/join", proxied.newUserToken(), "{\"code\":\"ZZZZ-ZZZZ\"}",
                        Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100.7"));
            }
            Reply otherClient = proxied.raw("POST", "/api/join", proxied.newUserToken(), "{\"code\":\"" + code + "\"}",
                    Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100.8"));
            Reply sameClient = proxied.raw("POST", "/api/join", proxied.newUserToken(), "{\"code\":\"" + code + "\"}",
                    Map.of("Content-Type", "application/json", "X-Forwarded-For", "198.51.100.7"));
            assertThat(otherClient.status()).isEqualTo(200);
            assertThat(sameClient.status()).isEqualTo(429);
        }
    }

    @Test
    void platformAdminsListAndDeactivateTenantsAndMembersThenCannotJoin() {
        String admin = api.adminToken();
        String owner = api.newUserToken();
        String id = api.post("/api/tenants", owner, Map.of("name", "Family")).json().path("id").asText();
        String code = api.get("/api/tenants/" + id + "/invite-code", owner).json().path("code").asText();

        assertThat(api.post("/api/platform/tenants/" + id + "/deactivate", admin, null).json().path("active").asBoolean())
                .isFalse();
        assertThat(api.get("/api/platform/tenants?active=false", admin).json().path("items").size()).isEqualTo(1);
        assertThat(api.get("/api/platform/tenants?active=true", admin).json().path("items").size()).isZero();
        assertThat(api.get("/api/platform/tenants?active=maybe", admin).status()).isEqualTo(422);
        assertThat(api.post("/api/join", api.newUserToken(), Map.of("code", code)).code()).isEqualTo("tenant_inactive");
        assertThat(api.post("/api/tenants/" + id + "/invite-code/rotate", owner, null).code()).isEqualTo("tenant_inactive");
        assertThat(api.get("/api/platform/tenants", owner).status()).isEqualTo(403);

        assertThat(api.post("/api/platform/tenants/" + id + "/activate/", admin, null).json().path("active").asBoolean())
                .isTrue();
    }

    @Test
    void platformAdminsSearchTenantsByNameOrContactEmailPrefixAPageAtATime() {
        String admin = api.adminToken();
        String owner = api.newUserToken();
        for (String name : List.of("Zebra Café", "zebu farm", "ZEBRA Bakery", "Aardvark")) {
            assertThat(api.post("/api/tenants", owner, Map.of("name", name)).status()).isEqualTo(201);
        }
        assertThat(api.post("/api/tenants", api.newUserToken(), Map.of("name", "Other",
                "contact_email", "zed@example.org")).status()).isEqualTo(201);

        Reply first = api.get("/api/platform/tenants?q=ZeB&limit=2", admin);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.items("name")).containsExactly("ZEBRA Bakery", "Zebra Café");
        Reply second = api.get("/api/platform/tenants?q=zeb&limit=2&cursor=" + first.json().path("next_cursor").asText(),
                admin);
        assertThat(second.items("name")).containsExactly("zebu farm");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        assertThat(api.get("/api/platform/tenants?q=zed%40", admin).items("name")).containsExactly("Other");
        assertThat(api.get("/api/platform/tenants?q=%20%20zebra%20b", admin).items("name")).containsExactly("ZEBRA Bakery");
        assertThat(api.get("/api/platform/tenants?q=nothing", admin).json().path("items").size()).isZero();
        assertThat(api.get("/api/platform/tenants?q=zeb&active=false", admin).json().path("items").size()).isZero();

        assertThat(api.get("/api/platform/tenants?q=%20%20", admin).code()).isEqualTo("invalid_search");
        assertThat(api.get("/api/platform/tenants?q=%20%20", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/platform/tenants?q=" + "a".repeat(101), admin).code()).isEqualTo("invalid_search");
        assertThat(api.get("/api/platform/tenants?q=a%01b", admin).code()).isEqualTo("invalid_search");
        assertThat(api.get("/api/platform/tenants?q=zeb&cursor=garbage", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/platform/tenants?q=zeb", owner).status()).isEqualTo(403);
    }

    @Test
    void crlfInNamesIsRefusedAsAFieldError() {
        Reply reply = api.post("/api/auth/signup", null, Map.of("email", "crlf@example.org", "password", ApiServer.PASSWORD,
                "first_name", "Eve\r\nBcc: victim@example.org", "last_name", "X"));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("first_name");
    }
}

package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoints over HTTP, the platform's and a tenant's: registering, the secret shown only
 * on create and rotate, changes, deletion, deliveries, replay and the test event; who may do what;
 * bad input as 422. Every exchange against openapi.yaml.
 */
class WebhookApiTest {
    private static final String PLATFORM = "/api/platform/webhooks";
    private final ApiServer api = new ApiServer();
    private int users;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aPlatformAdminRegistersAnEndpointAndSeesItsSecretOnlyOnCreateAndRotate() {
        String admin = api.adminToken();

        Reply created = api.post(PLATFORM, admin, Map.of("url", "https://hooks.example.org/invitekit",
                "event_types", List.of("tenant.created", "membership.joined"), "description", "CRM"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.json().path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String id = created.json().path("webhook").path("id").asText();
        assertThat(created.json().path("webhook").path("tenant_id").isNull()).isTrue();
        assertThat(created.json().path("webhook").path("url").asText()).isEqualTo("https://hooks.example.org/invitekit");
        assertThat(created.json().path("webhook").path("event_types")).hasSize(2);
        assertThat(created.json().path("webhook").path("enabled").asBoolean()).isTrue();
        assertThat(created.json().path("webhook").path("state").asText()).isEqualTo("ACTIVE");

        Reply list = api.get(PLATFORM, admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.items("id")).containsExactly(id);
        Reply one = api.get(PLATFORM + "/" + id, admin);
        assertThat(one.json().path("description").asText()).isEqualTo("CRM");
        String secretPart = secret.substring("whsec_".length());
        assertThat(list.body() + one.body()).doesNotContain(secretPart).doesNotContain("secret");

        Reply rotated = api.post(PLATFORM + "/" + id + "/rotate-secret", admin, null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.header("Cache-Control")).isEqualTo("no-store");
        assertThat(rotated.json().path("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(rotated.json().path("webhook").path("id").asText()).isEqualTo(id);

        Reply changed = api.patch(PLATFORM + "/" + id, admin, Map.of("enabled", false, "event_types", List.of()));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("enabled").asBoolean()).isFalse();
        assertThat(changed.json().path("event_types")).isEmpty();
        assertThat(changed.json().path("description").asText()).as("a field left out stays").isEqualTo("CRM");
        assertThat(changed.body()).doesNotContain("secret");

        assertThat(api.delete(PLATFORM + "/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get(PLATFORM + "/" + id, admin).status()).isEqualTo(404);
        assertThat(api.get(PLATFORM, admin).items("id")).isEmpty();
    }

    @Test
    void aTestEventIsADeliveryThatCanBeReplayed() {
        String admin = api.adminToken();
        String id = api.post(PLATFORM, admin, Map.of("url", "https://hooks.example.org/in"))
                .json().path("webhook").path("id").asText();

        Reply test = api.post(PLATFORM + "/" + id + "/test", admin, null);

        assertThat(test.status()).isEqualTo(202);
        assertThat(test.json().path("endpoint_id").asText()).isEqualTo(id);
        assertThat(test.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(test.json().path("attempts").asInt()).isZero();
        String delivery = test.json().path("id").asText();
        Reply deliveries = api.get(PLATFORM + "/" + id + "/deliveries", admin);
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.items("id")).containsExactly(delivery);

        Reply replayed = api.post(PLATFORM + "/" + id + "/deliveries/" + delivery + "/replay", admin, null);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.json().path("id").asText()).isNotEqualTo(delivery);
        assertThat(replayed.json().path("event_id").asText()).as("the receiver can de-duplicate")
                .isEqualTo(test.json().path("event_id").asText());
        assertThat(api.get(PLATFORM + "/" + id + "/deliveries", admin).items("id"))
                .containsExactlyInAnyOrder(delivery, replayed.json().path("id").asText());

        assertThat(api.post(PLATFORM + "/" + id + "/deliveries/" + UUID.randomUUID() + "/replay", admin, null)
                .status()).isEqualTo(404);
        assertThat(api.post(PLATFORM + "/" + id + "/deliveries/not-an-id/replay", admin, null).status()).isEqualTo(404);
        assertThat(api.post(PLATFORM + "/" + UUID.randomUUID() + "/test", admin, null).status()).isEqualTo(404);
        assertThat(api.get(PLATFORM + "/" + id + "/deliveries?cursor=not-a-cursor", admin).status()).isEqualTo(422);
    }

    @Test
    void aTenantsOwnersAndAdminsManageItsEndpointsAndNoOneElse() {
        String platformAdmin = api.adminToken();
        Family family = family();
        Family other = family();
        String admin = withRole(family, Role.ADMIN);
        String member = withRole(family, Role.MEMBER);
        String path = family.path("/webhooks");
        Map<String, Object> body = Map.of("url", "https://family.example.org/hook");

        Reply created = api.post(path, family.owner(), body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("secret").asText()).startsWith("whsec_");
        assertThat(created.json().path("webhook").path("tenant_id").asText()).isEqualTo(family.id());
        String id = created.json().path("webhook").path("id").asText();
        assertThat(api.post(path, admin, body).status()).as("an admin too").isEqualTo(201);
        assertThat(api.get(path, admin).items("id")).hasSize(2).contains(id);
        assertThat(api.post(path + "/" + id + "/test", admin, null).status()).isEqualTo(202);

        assertThat(api.get(path, member).code()).isEqualTo("forbidden");
        assertThat(api.post(path, member, body).status()).isEqualTo(403);
        assertThat(api.get(path + "/" + id, member).status()).isEqualTo(403);
        assertThat(api.get(path, other.owner()).status()).as("another tenant's endpoints").isEqualTo(404);
        assertThat(api.get(path + "/" + id, other.owner()).status()).isEqualTo(404);
        assertThat(api.delete(path + "/" + id, other.owner()).status()).isEqualTo(404);
        assertThat(api.get(other.path("/webhooks/" + id), other.owner()).status())
                .as("one tenant's endpoint through another's path").isEqualTo(404);
        assertThat(api.get(PLATFORM + "/" + id, platformAdmin).status())
                .as("a tenant's endpoint is not the platform's").isEqualTo(404);
        assertThat(api.get(PLATFORM, family.owner()).status()).as("the platform's are for platform admins").isEqualTo(403);
        assertThat(api.post(PLATFORM, family.owner(), body).code()).isEqualTo("forbidden");
        assertThat(api.anonymous("GET", path, Map.of()).status()).isEqualTo(401);
        assertThat(api.raw("POST", PLATFORM, ApiServer.ANONYMOUS, "{\"url\":\"https://x.example.org\"}", Map.of())
                .code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/tenants/not-a-uuid/webhooks", family.owner()).status()).isEqualTo(404);
        assertThat(api.get(path + "/not-a-uuid", family.owner()).status()).isEqualTo(404);

        String platformHook = api.post(PLATFORM, platformAdmin, body).json().path("webhook").path("id").asText();
        assertThat(api.get(path + "/" + platformHook, family.owner()).status())
                .as("the platform's endpoint through a tenant's path").isEqualTo(404);
        assertThat(api.delete(path + "/" + id, admin).status()).isEqualTo(204);
    }

    @Test
    void badUrlsAndUnknownEventTypesAre422NamingTheFieldNever500() {
        String admin = api.adminToken();
        Map<String, String> urls = new HashMap<>();
        urls.put("ftp://hooks.example.org/in", "url");
        urls.put("not a url", "url");
        urls.put("/relative/path", "url");
        urls.put("https://user:pass@hooks.example.org/in", "url");
        urls.put("https://hooks.example.org/in#fragment", "url");
        urls.put("https:///no-host", "url");
        for (Map.Entry<String, String> c : urls.entrySet()) {
            Reply refused = api.post(PLATFORM, admin, Map.of("url", c.getKey()));
            assertThat(refused.status()).as(c.getKey()).isEqualTo(422);
            assertThat(fields(refused)).as(c.getKey()).containsExactly(c.getValue());
        }
        Reply unknownType = api.post(PLATFORM, admin, Map.of("url", "https://hooks.example.org/in",
                "event_types", List.of("tenant.created", "tenant.exploded")));
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(fields(unknownType)).containsExactly("event_types");

        Reply tooLong = api.raw("POST", PLATFORM, admin,
                "{\"url\":\"https://hooks.example.org/" + "a".repeat(2000) + "\"}", Map.of());
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(api.raw("POST", PLATFORM, admin, "{\"url\":\"https://hooks.example.org/\",\"secret\":\"mine\"}",
                Map.of()).status()).as("an unknown field").isEqualTo(400);
        assertThat(api.raw("POST", PLATFORM, admin, "{\"url\":42}", Map.of()).status()).isIn(400, 422);
        assertThat(api.raw("POST", PLATFORM, admin, "{}", Map.of()).status()).isEqualTo(422);

        String id = api.post(PLATFORM, admin, Map.of("url", "https://hooks.example.org/in"))
                .json().path("webhook").path("id").asText();
        Reply badChange = api.patch(PLATFORM + "/" + id, admin, Map.of("url", "gopher://hooks.example.org"));
        assertThat(badChange.status()).isEqualTo(422);
        assertThat(fields(badChange)).containsExactly("url");
        Reply badTypes = api.patch(PLATFORM + "/" + id, admin, Map.of("event_types", List.of("nope")));
        assertThat(fields(badTypes)).containsExactly("event_types");
        assertThat(api.get(PLATFORM + "?limit=lots", admin).status()).isEqualTo(422);
        assertThat(api.get(PLATFORM + "?cursor=not-a-cursor", admin).status()).isEqualTo(422);
    }

    // ---------------------------------------------------------------- helpers

    private record Family(String id, String owner) {
        String path(String rest) {
            return "/api/tenants/" + id + rest;
        }
    }

    private Family family() {
        Reply owner = api.signup("owner" + (++users) + "@example.org");
        String token = owner.json().path("access_token").asText();
        Reply created = api.post("/api/tenants", token, Map.of("name", "The Smiths"));
        assertThat(created.status()).isEqualTo(201);
        return new Family(created.json().path("id").asText(), token);
    }

    private String withRole(Family family, Role role) {
        Reply signedUp = api.signup("member" + (++users) + "@example.org");
        UserId user = UserId.parse(signedUp.json().path("user").path("id").asText()).orElseThrow();
        api.storage.memberships().add(new Membership(TenantId.parse(family.id()).orElseThrow(), user, role,
                api.clock.instant()), Limit.UNLIMITED);
        return signedUp.json().path("access_token").asText();
    }

    private static List<String> fields(Reply problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

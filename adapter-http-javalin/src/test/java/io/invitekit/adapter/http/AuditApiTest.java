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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit log over HTTP: who reads which events, the filters, the paging; against openapi.yaml. */
class AuditApiTest {
    private static final String PLATFORM = "/api/platform/audit-events";
    private final ApiServer api = new ApiServer();
    private int users;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void platformAdminsReadEveryEventNewestFirstWithWhoDidIt() {
        String admin = api.adminToken();
        api.clock.advance(Duration.ofMinutes(1));
        Family family = family();

        Reply events = api.get(PLATFORM, admin);

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.header("Cache-Control")).isEqualTo("no-store");
        assertThat(events.items("type")).contains("account.created", "tenant.created");
        JsonNode created = item(events, "tenant.created");
        assertThat(created.path("tenant_id").asText()).isEqualTo(family.id());
        assertThat(created.path("subject").asText()).isEqualTo(family.id());
        assertThat(created.path("actor").path("id").asText()).isEqualTo(family.ownerId());
        assertThat(created.path("actor").path("email").asText()).isEqualTo(family.email());
        assertThat(created.path("data").isObject()).isTrue();
        List<Instant> times = new ArrayList<>();
        events.json().path("items").forEach(e -> times.add(Instant.parse(e.path("occurred_at").asText())));
        assertThat(times).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(times.get(0)).isAfter(times.get(times.size() - 1));
    }

    @Test
    void theFiltersAreTypesRepeatedAnActorAndAHalfOpenTimeRange() {
        String admin = api.adminToken();
        Instant start = api.clock.instant();
        api.clock.advance(Duration.ofMinutes(5)); // within the access token's life
        Family first = family();
        Instant between = api.clock.instant().plusSeconds(30);
        api.clock.advance(Duration.ofMinutes(5));
        Family second = family();

        Reply typed = api.get(PLATFORM + "?type=tenant.created&type=account.created", admin);
        assertThat(typed.status()).isEqualTo(200);
        assertThat(new HashSet<>(typed.items("type"))).containsExactlyInAnyOrder("tenant.created", "account.created");
        assertThat(api.get(PLATFORM + "?type=tenant.created", admin).items("tenant_id"))
                .containsExactly(second.id(), first.id());

        Reply byActor = api.get(PLATFORM + "?actor=" + first.ownerId(), admin);
        assertThat(byActor.items("type")).contains("tenant.created");
        byActor.json().path("items").forEach(e -> assertThat(e.path("actor").path("id").asText()).isEqualTo(first.ownerId()));

        assertThat(api.get(PLATFORM + "?type=tenant.created&from=" + between, admin).items("tenant_id"))
                .containsExactly(second.id());
        assertThat(api.get(PLATFORM + "?type=tenant.created&to=" + between, admin).items("tenant_id"))
                .containsExactly(first.id());
        assertThat(api.get(PLATFORM + "?type=tenant.created&from=" + start + "&to=" + start.plusSeconds(1), admin)
                .items("id")).isEmpty();
        assertThat(api.get(PLATFORM + "?type=tenant.created&from=2026-11-21T10:00:00%2B01:00&to=" + between, admin)
                .items("tenant_id")).as("an offset other than Z").containsExactly(first.id());
    }

    @Test
    void theCursorWalksEveryEventOnceNewestFirst() {
        String admin = api.adminToken();
        for (int i = 0; i < 3; i++) {
            api.clock.advance(Duration.ofSeconds(10));
            family();
        }
        List<String> all = api.get(PLATFORM + "?limit=200", admin).items("id");
        assertThat(all).hasSizeGreaterThan(5);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api.get(PLATFORM + "?limit=2" + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)), admin);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.items("id")).hasSizeLessThanOrEqualTo(2);
            walked.addAll(page.items("id"));
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(walked).containsExactlyElementsOf(all);
    }

    @Test
    void aTenantsOwnersAndAdminsReadItsEventsAndNoOneElse() {
        Family family = family();
        Family other = family();
        String admin = withRole(family, Role.ADMIN);
        String member = withRole(family, Role.MEMBER);
        String path = family.path("/audit-events");

        Reply asOwner = api.get(path, family.owner());
        assertThat(asOwner.status()).isEqualTo(200);
        assertThat(asOwner.items("type")).contains("tenant.created");
        asOwner.json().path("items").forEach(e -> assertThat(e.path("tenant_id").asText()).isEqualTo(family.id()));
        assertThat(api.get(path, admin).items("id")).containsExactlyElementsOf(asOwner.items("id"));

        assertThat(api.get(path, member).status()).isEqualTo(403);
        assertThat(api.get(path, member).code()).isEqualTo("forbidden");
        assertThat(api.get(path, other.owner()).status()).as("another tenant's events").isEqualTo(404);
        assertThat(api.get(path, api.newUserToken()).code()).isEqualTo("not_found");
        assertThat(api.get("/api/tenants/not-a-uuid/audit-events", family.owner()).status()).isEqualTo(404);
        assertThat(api.get("/api/tenants/" + java.util.UUID.randomUUID() + "/audit-events", family.owner()).status())
                .isEqualTo(404);
        assertThat(api.anonymous("GET", path, Map.of()).status()).isEqualTo(401);
        assertThat(api.get(other.path("/audit-events"), other.owner()).items("tenant_id")).doesNotContain(family.id());
    }

    @Test
    void platformAdminsReadOneTenantsEventsAtThePlatformPathAndNoOneElseDoes() {
        Family family = family();
        Family other = family();
        String path = "/api/platform/tenants/" + family.id() + "/audit-events";

        Reply asAdmin = api.get(path, api.adminToken());
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.items("type")).contains("tenant.created");
        assertThat(asAdmin.items("tenant_id")).containsOnly(family.id());
        assertThat(api.get(path + "?type=tenant.created&limit=1", api.adminToken()).items("type"))
                .containsExactly("tenant.created");

        assertThat(api.get(path, family.owner()).code()).as("a tenant's own owner: not this path").isEqualTo("forbidden");
        assertThat(api.get(path, other.owner()).code()).isEqualTo("forbidden");
        assertThat(api.get("/api/platform/tenants/" + java.util.UUID.randomUUID() + "/audit-events", api.adminToken())
                .code()).isEqualTo("not_found");
        assertThat(api.get("/api/platform/tenants/not-a-uuid/audit-events", api.adminToken()).status()).isEqualTo(404);
        assertThat(api.get(path + "?cursor=garbage", api.adminToken()).status()).isEqualTo(422);
        assertThat(api.anonymous("GET", path, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void thePlatformsEventsAreForPlatformAdminsOnly() {
        Family family = family();

        assertThat(api.get(PLATFORM, family.owner()).status()).isEqualTo(403);
        assertThat(api.get(PLATFORM, family.owner()).code()).isEqualTo("forbidden");
        assertThat(api.anonymous("GET", PLATFORM, Map.of()).code()).isEqualTo("unauthenticated");
    }

    @Test
    void malformedFiltersAre422NamingTheParameterNever500() {
        String admin = api.adminToken();
        Family family = family();
        Map<String, String> cases = Map.of(
                "type=tenant.exploded", "type",
                "type=tenant.created&type=nope", "type",
                "actor=someone", "actor",
                "from=yesterday", "from",
                "to=2026-13-01T00:00:00Z", "to",
                "from=2026-11-21", "from",
                "limit=many", "limit",
                "cursor=not-a-cursor", "cursor");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            for (String path : List.of(PLATFORM, family.path("/audit-events"))) {
                String token = path.equals(PLATFORM) ? admin : family.owner();
                Reply refused = api.get(path + "?" + c.getKey(), token);
                assertThat(refused.status()).as(path + "?" + c.getKey()).isEqualTo(422);
                assertThat(refused.code()).isEqualTo("validation_failed");
                assertThat(fields(refused)).as(c.getKey()).containsExactly(c.getValue());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Family(String id, String owner, String ownerId, String email) {
        String path(String rest) {
            return "/api/tenants/" + id + rest;
        }
    }

    private Family family() {
        String email = "owner" + (++users) + "@example.org";
        Reply owner = api.signup(email);
        String token = owner.json().path("access_token").asText();
        Reply created = api.post("/api/tenants", token, Map.of("name", "The Smiths"));
        assertThat(created.status()).isEqualTo(201);
        return new Family(created.json().path("id").asText(), token, owner.json().path("user").path("id").asText(), email);
    }

    /** A new user with {@code role} in the tenant, put there directly. */
    private String withRole(Family family, Role role) {
        Reply signedUp = api.signup("member" + (++users) + "@example.org");
        UserId user = UserId.parse(signedUp.json().path("user").path("id").asText()).orElseThrow();
        api.storage.memberships().add(new Membership(TenantId.parse(family.id()).orElseThrow(), user, role,
                api.clock.instant()), Limit.UNLIMITED);
        return signedUp.json().path("access_token").asText();
    }

    private static JsonNode item(Reply reply, String type) {
        for (JsonNode e : reply.json().path("items")) {
            if (e.path("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " in " + reply.body());
    }

    private static List<String> fields(Reply problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.domain.tenant.FeatureFlagRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/platform/info}: public, the deployment's own settings, cacheable. */
class PlatformInfoApiTest {

    @Test
    void anyoneReadsThePlatformsNameDomainCatalogFlagsAndLanguages() {
        try (ApiServer api = new ApiServer()) {
            Reply reply = api.get("/api/platform/info", null); // no token: checked against openapi.yaml too
            assertThat(reply.status()).isEqualTo(200);
            JsonNode info = reply.json();
            assertThat(info.path("name").asText()).isEqualTo("Acme Cloud");
            assertThat(info.path("domain").asText()).isEqualTo("acme.test");
            assertThat(info.path("default_tier").asText()).isEqualTo("PROFESSIONAL");
            assertThat(names(info.path("tiers"))).containsExactly("FREE", "STARTER", "PROFESSIONAL", "ENTERPRISE");
            JsonNode starter = info.path("tiers").get(1);
            assertThat(starter.path("max_users").asInt()).isEqualTo(10);
            assertThat(starter.path("max_resources").asInt()).isEqualTo(25);
            JsonNode enterprise = info.path("tiers").get(3);
            assertThat(enterprise.has("max_users")).isTrue();
            assertThat(enterprise.path("max_users").isNull()).as("unlimited").isTrue();
            assertThat(texts(info.path("permissions"))).containsExactly("can_manage_oauth_credentials",
                    "can_accept_payments", "can_use_custom_domain", "can_white_label", "can_api_access");
            assertThat(texts(info.path("feature_flags"))).isEqualTo(FeatureFlagRegistry.DEFAULT_KEYS);
            assertThat(texts(info.path("locales"))).startsWith("en");

            assertThat(api.send("HEAD", "/api/platform/info", null, null, Map.of(), ApiServer.Check.NONE).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/platform/info", api.newUserToken()).json()).as("the same for a signed-in user")
                    .isEqualTo(info);
        }
    }

    @Test
    void itIsTheOneApiAnswerACacheMayKeep() {
        try (ApiServer api = new ApiServer()) {
            Reply reply = api.get("/api/platform/info", null);
            assertThat(reply.header("Cache-Control")).isEqualTo("public, max-age=300");
            assertThat(reply.header("Pragma")).isNull();
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(api.get("/api/me", api.newUserToken()).header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void aDeploymentsOwnSettingsAreWhatItReports() {
        try (ApiServer api = ApiServer.withSettings(s -> s.platformName("Acme Bookings").platformDomain("bookings.example")
                .featureFlags(new FeatureFlagRegistry(List.of("kiosk_mode"))))) {
            JsonNode info = api.get("/api/platform/info", null).json();
            assertThat(info.path("name").asText()).isEqualTo("Acme Bookings");
            assertThat(info.path("domain").asText()).isEqualTo("bookings.example");
            assertThat(texts(info.path("feature_flags"))).containsExactly("kiosk_mode");
        }
    }

    @Test
    void otherMethodsAreProblems() {
        try (ApiServer api = new ApiServer()) {
            Reply post = api.send("DELETE", "/api/platform/info", null, null, Map.of(), ApiServer.Check.NONE);
            assertThat(post.status()).isIn(404, 405);
            assertThat(post.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private static List<String> names(JsonNode tiers) {
        List<String> names = new ArrayList<>();
        tiers.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}

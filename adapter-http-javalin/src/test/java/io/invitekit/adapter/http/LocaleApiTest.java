package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account's language (PUT /api/me/locale, GET /api/me) and a tenant invitation's, over HTTP. */
class LocaleApiTest {
    private final ApiServer api = new ApiServer();

    @AfterEach
    void close() {
        api.close();
    }

    private static Map<String, Object> locale(String value) {
        Map<String, Object> body = new HashMap<>();
        body.put("locale", value);
        return body;
    }

    @Test
    void anAccountSetsAndClearsItsLanguageAndMeReturnsIt() {
        String token = api.newUserToken();
        assertThat(api.get("/api/me", token).json().path("locale").isNull()).isTrue();

        Reply set = api.put("/api/me/locale", token, locale("de"));

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("locale").asText()).isEqualTo("de");
        assertThat(api.get("/api/me", token).json().path("locale").asText()).isEqualTo("de");

        Reply cleared = api.put("/api/me/locale", token, locale(null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("locale").isNull()).isTrue();
    }

    @Test
    void aLanguageThePlatformDoesNotOfferIs400WithAStableCode() {
        String token = api.newUserToken();
        api.put("/api/me/locale", token, locale("de"));

        for (String refused : new String[] {"fr", "xx-YY", "<script>", ""}) {
            Reply reply = api.put("/api/me/locale", token, locale(refused));
            assertThat(reply.status()).as(refused).isEqualTo(400);
            assertThat(reply.code()).as(refused).isEqualTo("unsupported_locale");
        }
        assertThat(api.get("/api/me", token).json().path("locale").asText()).as("unchanged").isEqualTo("de");
    }

    @Test
    void onlyASignedInCallerHasALanguage() {
        Reply reply = api.raw("PUT", "/api/me/locale", null, "{\"locale\":\"de\"}", Map.of());
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void aTenantInvitationCarriesItsLanguageToItsViewAndItsPreview() {
        String admin = api.adminToken();
        Reply created = api.post("/api/platform/tenant-invitations/", admin,
                Map.of("email", "owner@example.org", "locale", "de"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("locale").asText()).isEqualTo("de");

        Reply preview = api.get("/api/platform/tenant-invitations/token/"
                + api.tokenOf(created.json().path("id").asText()), null);
        assertThat(preview.json().path("locale").asText()).isEqualTo("de");

        Reply byDefault = api.post("/api/platform/tenant-invitations/", admin, Map.of("email", "other@example.org"));
        assertThat(byDefault.json().path("locale").asText()).as("the platform default").isEqualTo("en");
    }

    @Test
    void aTenantInvitationInALanguageNotOfferedIsAFieldError() {
        String admin = api.adminToken();
        Reply refused = api.post("/api/platform/tenant-invitations/", admin,
                Map.of("email", "owner@example.org", "locale", "fr"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("validation_failed");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("locale");
    }
}

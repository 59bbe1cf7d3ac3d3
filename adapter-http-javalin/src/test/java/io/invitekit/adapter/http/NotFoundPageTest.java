package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A mistyped page address is a page (HTML, 404, the pages' look and a way back); the API, the
 * assets and the operations routes keep their own 404s.
 */
class NotFoundPageTest {
    private static final Map<String, String> BROWSER = Map.of("Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anUnknownPagePathIsAnHtmlPageWithAWayBack() {
        for (String path : new String[] {"/nothing-here", "/family/manag", "/platform/tenants/x/y", "/login/extra"}) {
            Reply reply = api.send("GET", path, null, null, BROWSER, ApiServer.Check.NONE);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(reply.body()).as(path).contains("<title>Acme Cloud</title>", "/assets/not-found.js",
                    "href=\"/\"", "data-i18n=\"notfound.heading\"");
            assertThat(reply.header("Content-Security-Policy")).as(path).isEqualTo(JavalinPageRoutes.CSP);
        }
        assertThat(api.page("/nothing-here").header("Content-Type")).as("no Accept header: anything goes")
                .startsWith("text/html");
    }

    @Test
    void theApiKeepsProblemJsonEvenForABrowser() {
        for (String path : new String[] {"/api/nothing-here", "/api", "/api/platform/nothing"}) {
            Reply reply = api.send("GET", path, null, null, BROWSER, ApiServer.Check.NONE);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(reply.json().path("code").asText()).as(path).isEqualTo("not_found");
        }
    }

    @Test
    void assetsAndOperationsRoutesAreNotPages() {
        for (String path : new String[] {"/assets/missing.js", "/health/nothing", "/docs/nothing"}) {
            Reply reply = api.send("GET", path, null, null, BROWSER, ApiServer.Check.NONE);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).doesNotContain("not-found.js");
        }
    }

    @Test
    void aClientThatAsksForJsonGetsNoHtml() {
        Reply reply = api.send("GET", "/nothing-here", null, null, Map.of("Accept", "application/json"),
                ApiServer.Check.NONE);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).doesNotContain("<html");
    }

    @Test
    void pagePathsAreEverythingButTheApiTheAssetsAndTheOperationsRoutes() {
        assertThat(JavalinPageRoutes.isPagePath("/anything")).isTrue();
        assertThat(JavalinPageRoutes.isPagePath("/api/x")).isFalse();
        assertThat(JavalinPageRoutes.isPagePath("/apiary")).as("only the /api segment").isTrue();
        assertThat(JavalinPageRoutes.isPagePath("/metrics")).isFalse();
    }
}

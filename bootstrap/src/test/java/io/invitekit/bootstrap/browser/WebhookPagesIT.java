package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14's pages in headless Chromium against the bundled server: the platform's webhooks page
 * (add an endpoint, its secret shown once with a copy button, send a test event and see its
 * delivery, a new secret, delete), a family's webhooks page for its owner with a refused URL, and
 * the activity views (the family page for owners, the platform's activity page).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookPagesIT {
    private PageServer server;

    @BeforeAll
    void start() throws Exception {
        Browser.requireChromium();
        server = PageServer.start(Map.of("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", "true"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPlatformAdminAddsAnEndpointCopiesItsSecretOnceSendsATestEventRotatesAndDeletes() {
        String url = "http://127.0.0.1:9/platform-hook";
        try (Browser admin = Browser.open(server.base(), "webhooks-platform")) {
            logIn(admin, PageServer.ADMIN_EMAIL, PageServer.ADMIN_PASSWORD);
            admin.awaitPath("/platform/invitations");
            admin.go("/platform/webhooks");
            admin.visible("#webhooks-empty");
            admin.check("platform-webhooks-empty");

            admin.click("#webhook-form button[type=submit]");
            admin.awaitText("#webhook-url-error", "required");
            admin.check("platform-webhooks-url-required");
            admin.type("#webhook-url", url);
            admin.type("#webhook-event-types", "tenant.created, membership.joined");
            admin.type("#webhook-description", "The receiver");
            admin.click("#webhook-form button[type=submit]");

            admin.visible("#secret-card");
            String secret = admin.text("#webhook-secret");
            assertThat(secret).startsWith("whsec_");
            admin.click("#copy-secret");
            admin.awaitText("#secret-status", "Copied");
            assertThat(admin.clipboard()).isEqualTo(secret);
            admin.check("secret-once");
            admin.click("#secret-done");
            admin.awaitHidden("#secret-card");
            assertThat(admin.count("#webhook-secret")).isOne();
            assertThat((String) admin.script("return document.body.textContent")).doesNotContain(secret);

            String row = "#webhooks tr[data-url='" + url + "']";
            assertThat(admin.text(row)).contains("The receiver", "Active", "tenant.created", "membership.joined");

            admin.click(row + " button[aria-label='Send a test event to " + url + "']");
            admin.awaitText("#webhooks-notice", "A test event is on its way to " + url);
            admin.visible("#deliveries-card");
            admin.awaitText("#deliveries-heading", url);
            admin.visible("#deliveries tr");
            assertThat(admin.count("#deliveries tr")).isOne();
            admin.check("test-event-delivery");

            admin.click("#deliveries tr button");
            admin.awaitText("#webhooks-notice", "is queued again");
            admin.until("the replay is listed beside the test event", b -> b.count("#deliveries tr") == 2);

            admin.click(row + " button[aria-label='Make a new signing secret for " + url + "']");
            admin.click("dialog button.confirm");
            admin.visible("#secret-card");
            admin.until("a new secret is shown", b -> b.text("#webhook-secret").startsWith("whsec_")
                    && !b.text("#webhook-secret").equals(secret));
            admin.click("#secret-done");

            admin.click(row + " button[aria-label='Turn off the endpoint " + url + "']");
            admin.awaitText(row, "Turned off");
            admin.check("platform-webhook-turned-off");

            admin.click(row + " button[aria-label='Delete the endpoint " + url + "']");
            admin.click("dialog button.confirm");
            admin.awaitText("#webhooks-notice", "deleted");
            admin.visible("#webhooks-empty");
            admin.awaitHidden("#deliveries-card");
        }
    }

    @Test
    void aFamilyOwnerSeesTheFamilysActivityAndManagesItsWebhooks() {
        String owner = "wanda@example.org";
        String token = server.signup(owner, "Wanda", "Owner");
        String tenantId = server.call("POST", "/api/tenants/", token, Map.of("name", "The Wandas")).path("id").asText();
        try (Browser browser = Browser.open(server.base(), "webhooks-family")) {
            logIn(browser, owner, PageServer.PASSWORD);
            browser.awaitPath("/family/manage");
            browser.visible("#activity-card");
            browser.awaitText("#activity", "tenant.created");
            assertThat(browser.text("#activity")).contains("Wanda Owner");
            browser.check("family-activity");

            browser.click("#webhooks-link");
            browser.awaitPath("/family/webhooks");
            assertThat(browser.url().getQuery()).isEqualTo("tenant=" + tenantId);
            browser.awaitText("#webhooks-lead", "this family's events");
            browser.check("family-webhooks");

            browser.type("#webhook-url", "ftp://hooks.example.org/in");
            browser.click("#webhook-form button[type=submit]");
            browser.awaitText("#webhook-url-error", "http or https");
            browser.type("#webhook-url", "https://hooks.example.org/wanda");
            browser.type("#webhook-event-types", "membership.exploded");
            browser.click("#webhook-form button[type=submit]");
            browser.awaitText("#webhook-event-types-error", "not an event type");
            browser.check("family-webhooks-unknown-type");
            browser.type("#webhook-event-types", "");
            browser.click("#webhook-form button[type=submit]");
            browser.visible("#secret-card");
            browser.awaitText("#webhooks tr[data-url='https://hooks.example.org/wanda']", "All events");
            browser.check("family-webhook-added");
        }
        assertThat(server.call("GET", "/api/tenants/" + tenantId + "/webhooks", token, null).path("items")).hasSize(1);
    }

    @Test
    void platformAdminsSeeEveryEventOnTheActivityPage() {
        String owner = "victor@example.org";
        String token = server.signup(owner, "Victor", "Owner");
        server.call("POST", "/api/tenants/", token, Map.of("name", "The Victors"));
        try (Browser admin = Browser.open(server.base(), "activity-platform")) {
            logIn(admin, PageServer.ADMIN_EMAIL, PageServer.ADMIN_PASSWORD);
            admin.awaitPath("/platform/invitations");
            admin.go("/platform/activity");
            admin.awaitText("#activity", "tenant.created");
            assertThat(admin.text("#activity")).contains("Victor Owner", "account.created");
            admin.check("platform-activity");
        }
        try (Browser victor = Browser.open(server.base(), "activity-not-admin")) {
            logIn(victor, owner, PageServer.PASSWORD);
            victor.awaitPath("/family/manage");
            victor.go("/platform/activity");
            victor.awaitText("main", "Only platform admins");
            victor.check("platform-activity-not-admin");
            victor.go("/platform/webhooks");
            victor.awaitText("main", "Only platform admins");
        }
    }

    private static void logIn(Browser browser, String email, String password) {
        browser.go("/login");
        browser.type("#login-email", email);
        browser.type("#login-password", password);
        browser.click("#login-form button[type=submit]");
    }
}

package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16's admin pages in headless Chromium against the bundled server: the tenants list and
 * its search (a match and none), a tenant's detail page (plan, usage, permissions, flags, members
 * and activity, each paged), and the search of the tenant invitations list. Every page state
 * visited passes {@link Browser#check}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesIT {
    private PageServer server;

    @BeforeAll
    void start() throws Exception {
        Browser.requireChromium();
        server = PageServer.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPlatformAdminSearchesTenantsOpensOneAndSeesItsUsageMembersAndActivity() {
        String owner = server.signup("quinn@example.org", "Quinn", "Quill");
        String tenantId = server.call("POST", "/api/tenants/", owner, Map.of("name", "Quokka Bakery",
                "contact_email", "orders@quokka.example", "phone", "+44 20 7946 0958")).path("id").asText();
        server.call("POST", "/api/tenants/", server.signup("other@example.org", "Otto", "Other"),
                Map.of("name", "Walrus Works"));
        String code = server.call("GET", "/api/tenants/" + tenantId + "/invite-code", owner, null).path("code").asText();
        server.call("POST", "/api/join", server.signup("mia@example.org", "Mia", "Member"), Map.of("code", code));
        server.call("POST", "/api/tenants/" + tenantId + "/invitations", owner,
                Map.of("email", "pending@example.org", "role", "MEMBER"));

        try (Browser admin = Browser.open(server.base(), "admin-tenants")) {
            logIn(admin);
            admin.go("/platform/tenants");
            admin.visible("#active-tenants tr[data-name='Quokka Bakery']");
            admin.visible("#active-tenants tr[data-name='Walrus Works']");
            admin.check("tenants-list");

            admin.type("#tenant-q", "QUOK");
            admin.click("#tenant-search button[type=submit]");
            admin.until("only the match is listed", b -> b.count("#active-tenants tr") == 1);
            assertThat(admin.text("#active-tenants tr")).contains("Quokka Bakery");
            admin.awaitText("#tenant-q-showing", "“QUOK”");
            assertThat(admin.url().getQuery()).isEqualTo("q=QUOK");
            admin.check("tenants-search-match");

            admin.type("#tenant-q", "orders@quokka");
            admin.click("#tenant-search button[type=submit]");
            admin.awaitText("#tenant-q-showing", "“orders@quokka”");
            admin.until("found by its contact email", b -> b.count("#active-tenants tr[data-name='Quokka Bakery']") == 1);

            admin.type("#tenant-q", "nobody here");
            admin.click("#tenant-search button[type=submit]");
            admin.visible("#active-empty");
            assertThat(admin.count("#active-tenants tr")).isZero();
            admin.check("tenants-search-none");

            admin.click("#tenant-q-clear");
            admin.visible("#active-tenants tr[data-name='Walrus Works']");
            admin.click("#active-tenants tr[data-name='Quokka Bakery'] a");
            admin.awaitPath("/platform/tenants/" + tenantId);
            admin.awaitText("#tenant-name", "Quokka Bakery");
            assertThat(admin.text("#tenant-state")).isEqualTo("Active");
            assertThat(admin.text("#tenant-contact")).isEqualTo("orders@quokka.example");
            assertThat(admin.text("#tenant-phone")).isEqualTo("+44 20 7946 0958");
            assertThat(admin.text("#usage-members")).isEqualTo("2");
            assertThat(admin.text("#usage-pending")).isEqualTo("1");
            assertThat(admin.text("#usage-users")).contains("3");
            assertThat(admin.text("#usage-resources")).contains("not counted");
            admin.until("the members are listed", b -> b.count("#members tr") == 2);
            assertThat(admin.texts("#members tr")).anySatisfy(row -> assertThat(row).contains("Quinn Quill", "Owner"))
                    .anySatisfy(row -> assertThat(row).contains("Mia Member", "Member"));
            admin.until("the activity is listed", b -> b.count("#activity tr[data-type='tenant.created']") == 1);
            assertThat(admin.count("#activity tr[data-type='membership.joined']")).isOne();
            admin.check("tenant-detail");

            admin.go("/platform/tenants/018f0000-0000-7000-8000-000000000001");
            admin.visible("#tenant-error");
            assertThat(admin.text("#tenant-error")).contains("could not be found");
            admin.check("tenant-detail-unknown");
        }
    }

    @Test
    void aPlatformAdminSearchesTheInvitationsByEmailOrBusinessName() {
        String admin = server.adminToken();
        server.call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", "yara@example.org"));
        server.call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", "zed@example.org",
                "suggested_business_name", "Yak Yarns"));
        server.call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", "xavier@example.org"));

        try (Browser browser = Browser.open(server.base(), "admin-invitations")) {
            logIn(browser);
            browser.go("/platform/invitations?q=YA");
            browser.awaitText("#invitation-q-showing", "“YA”");
            browser.until("the two matches", b -> b.count("#invitations tr") == 2);
            assertThat(browser.value("#invitation-q")).isEqualTo("YA");
            // in the order of the matching text: "yak yarns" (a business name) before "yara@…" (an email)
            assertThat(browser.texts("#invitations tr").get(0)).contains("zed@example.org", "Yak Yarns");
            assertThat(browser.texts("#invitations tr").get(1)).contains("yara@example.org");
            browser.check("invitations-search-match");

            browser.type("#invitation-q", "nomatch");
            browser.click("#invitation-search button[type=submit]");
            browser.visible("#invitations-empty");
            browser.check("invitations-search-none");

            browser.click("#invitation-q-clear");
            browser.until("every invitation again", b -> b.count("#invitations tr") >= 3);
            assertThat(browser.url().getQuery()).isNull();
        }
    }

    private static void logIn(Browser browser) {
        browser.go("/login");
        browser.type("#login-email", PageServer.ADMIN_EMAIL);
        browser.type("#login-password", PageServer.ADMIN_PASSWORD);
        browser.click("#login-form button[type=submit]");
        browser.awaitPath("/platform/invitations");
    }
}

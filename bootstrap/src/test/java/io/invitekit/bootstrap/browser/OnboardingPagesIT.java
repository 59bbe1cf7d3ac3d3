package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Issue 16 items 2, 3 and 4 in headless Chromium: the onboarding wizard keeps its place (history
 * entries, a draft that survives a reload without its passwords, carrying on after the business
 * exists), feedback in view (the invitations page's notice, a row's email followed without a
 * reload) and the business dashboard "Go to dashboard" leads to. Every page state is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingPagesIT {
    private static final String OWNER_PASSWORD = PageServer.PASSWORD; // so that the test can log in as the owner too
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
    void theWizardKeepsItsPlaceThroughBackForwardAndReloadsAndCarriesOnOnceTheBusinessExists() {
        String email = "owner.keeps@example.org";
        server.call("POST", "/api/platform/tenant-invitations/", server.adminToken(), Map.of("email", email,
                "suggested_business_name", "Keep Place Studio", "subscription_tier", "STARTER",
                "permissions", Map.of("can_accept_payments", true, "can_use_custom_domain", true),
                "feature_flags", Map.of("calendars", true)));
        String link = server.invitationLinkFor(email);

        try (Browser owner = Browser.open(server.base(), "onboard-owner")) {
            owner.go(link);
            owner.visible("#step-account");
            assertThat(owner.url().getFragment()).contains("step=account");
            long headerBefore = height(owner, ".site-header");
            double nextRight = right(owner, "#account-form button[type=submit]");
            owner.check("wizard-1-account");

            owner.type("#account-first-name", "Kim");
            owner.type("#account-last-name", "Keeper");
            owner.type("#account-password", OWNER_PASSWORD);
            owner.type("#account-password-confirm", OWNER_PASSWORD);
            owner.click("#account-form button[type=submit]");
            owner.visible("#step-business");
            assertThat(owner.url().getFragment()).contains("step=business");
            assertThat(right(owner, "#business-submit")).as("the way on sits where step 1 has it")
                    .isEqualTo(nextRight);
            owner.type("#business-business-name", "Keep Place Studio Zürich");
            owner.type("#business-phone", "+41 44 555 00 11");
            owner.awaitText("#business-subdomain-ok", "keep-place-studio-zurich is available");
            owner.check("wizard-2-business");

            // A reload keeps the step and every field but the passwords.
            owner.refresh();
            owner.visible("#step-business");
            assertThat(owner.value("#business-business-name")).isEqualTo("Keep Place Studio Zürich");
            assertThat(owner.value("#business-subdomain")).isEqualTo("keep-place-studio-zurich");
            assertThat(owner.value("#business-phone")).isEqualTo("+41 44 555 00 11");
            assertThat(field(owner, "account-first-name")).isEqualTo("Kim");
            assertThat(field(owner, "account-password")).isEmpty();
            assertThat(field(owner, "account-password-confirm")).isEmpty();
            assertThat(storedDraft(owner)).as("what the tab keeps").contains("Keep Place Studio Zürich")
                    .doesNotContain(OWNER_PASSWORD).doesNotContain(link.split("#token=")[1]);
            owner.awaitText("#business-subdomain-ok", "keep-place-studio-zurich is available");
            owner.check("wizard-2-after-reload");

            // Back and Forward move between the steps.
            owner.script("history.back()");
            owner.visible("#step-account");
            owner.awaitHidden("#step-business");
            assertThat(owner.value("#account-last-name")).isEqualTo("Keeper");
            owner.check("wizard-1-after-back");
            owner.script("history.forward()");
            owner.visible("#step-business");
            assertThat(owner.url().getFragment()).contains("step=business");
            owner.check("wizard-2-after-forward");

            // The password the reload dropped is asked for again before anything is created.
            owner.click("#business-submit");
            owner.awaitText("#account-password-error", "enter yours again");
            assertThat(owner.focusedId()).isEqualTo("account-password");
            owner.check("wizard-1-password-again");
            owner.type("#account-password", OWNER_PASSWORD);
            owner.type("#account-password-confirm", OWNER_PASSWORD);
            owner.click("#account-form button[type=submit]");
            owner.click("#business-submit");

            owner.visible("#step-payments");
            assertThat(owner.url().getFragment()).contains("step=payments");
            assertThat(height(owner, ".site-header")).as("signed in, the header keeps its height").isEqualTo(headerBefore);
            assertThat(right(owner, "#payments-begin")).isEqualTo(nextRight);
            owner.check("wizard-3-payments");

            // After the business exists, a reload carries on instead of saying the link was used.
            owner.refresh();
            owner.visible("#step-payments");
            assertThat(owner.count("#dead:not([hidden])")).isZero();
            assertThat(owner.count(".site-header .user-menu")).isEqualTo(1);
            owner.check("wizard-3-after-reload");
            owner.click("#payments-skip");
            owner.visible("#step-done");
            owner.refresh();
            owner.visible("#step-done");
            assertThat(owner.text("#summary")).contains("Keep Place Studio Zürich", "keep-place-studio-zurich.acme.test",
                    "Starter", "+41 44 555 00 11", "Skipped", email);
            owner.check("wizard-4-done-after-reload");

            // Back from done reaches payments, but never again the steps that created the business.
            owner.script("history.back()");
            owner.visible("#step-payments");
            owner.script("history.back()");
            owner.until("the business step stays behind", b -> b.count("#step-business:not([hidden])") == 0
                    && b.count("#step-account:not([hidden])") == 0 && b.count(".wizard-step:not([hidden])") == 1);

            // The emailed link opened again in a fresh tab (no draft there): payments, for the signed-in owner.
            owner.newTab(link);
            owner.visible("#step-payments");
            owner.check("wizard-link-again");
            owner.click("#payments-skip");
            owner.visible("#step-done");

            String ownerToken = server.login(email);
            String tenantId = owner.attribute("#go-dashboard", "href").replaceAll(".*tenant=", "");
            server.call("POST", "/api/tenants/" + tenantId + "/invitations", ownerToken,
                    Map.of("email", "helper@example.org", "role", "ADMIN"));
            owner.click("#go-dashboard");
            owner.awaitPath("/business");
            assertThat(owner.url().getQuery()).isEqualTo("tenant=" + tenantId);
            owner.awaitText("#business-name", "Keep Place Studio Zürich");
            assertThat(owner.text("#plan-tier")).isEqualTo("Starter");
            assertThat(owner.text("#plan-users")).contains("2 of 10 seats taken"); // the owner and the invited admin
            assertThat(owner.text("#plan-resources")).isEqualTo("25");
            assertThat(owner.text("#permissions")).contains("Accept online payments", "Custom domain");
            assertThat(owner.texts("#permissions li.on")).hasSize(2);
            assertThat(owner.texts("#flags li.on")).singleElement().asString().contains("Calendars");
            assertThat(owner.text("#contact-domain")).isEqualTo("keep-place-studio-zurich.acme.test");
            assertThat(owner.text("#contact-subdomain")).isEqualTo("keep-place-studio-zurich");
            assertThat(owner.text("#contact-email")).isEqualTo(email);
            assertThat(owner.text("#contact-phone")).isEqualTo("+41 44 555 00 11");
            assertThat(owner.texts("#members-summary dt")).containsExactly("All members", "Owners", "Admins", "Members");
            assertThat(owner.texts("#members-summary dd")).containsExactly("1", "1", "0", "0");
            assertThat(owner.attribute("#members-link", "href")).startsWith("/family/manage?tenant=" + tenantId);
            owner.awaitText("#invitations", "helper@example.org");
            assertThat(owner.text("#invitations")).contains("Admin");
            owner.check("business-dashboard");
        }

        // Anyone else holding the used link is told it was used.
        try (Browser stranger = Browser.open(server.base(), "onboard-stranger")) {
            stranger.go(link);
            stranger.awaitText("#dead-title", "This invitation has already been used");
            stranger.check("wizard-used-link-signed-out");
        }
    }

    @Test
    void aMemberOfABusinessIsSentToItsMembersPageInsteadOfTheDashboard() {
        String owner = server.signup("family.owner@example.org", "Fay", "Owner");
        String tenantId = server.call("POST", "/api/tenants/", owner, Map.of("name", "Dash Family")).path("id").asText();
        String code = server.call("GET", "/api/tenants/" + tenantId + "/invite-code", owner, null).path("code").asText();
        String member = server.signup("family.member@example.org", "Mo", "Member");
        server.call("POST", "/api/join", member, Map.of("code", code));

        try (Browser browser = Browser.open(server.base(), "dashboard-member")) {
            browser.go("/login");
            browser.type("#login-email", "family.member@example.org");
            browser.type("#login-password", PageServer.PASSWORD);
            browser.click("#login-form button[type=submit]");
            browser.awaitPath("/family/manage");
            browser.go("/business?tenant=" + tenantId);
            browser.awaitText("main", "Only the owners and admins");
            assertThat(browser.attribute("main a", "href")).isEqualTo("/family/manage?tenant=" + tenantId);
            browser.check("business-dashboard-member");
        }
    }

    @Test
    void theInvitationNoticeIsInViewAndARowFollowsItsEmailWithoutAReload() throws IOException {
        int smtpPort = freePort(); // nothing listens there yet: the first attempt fails and is retried
        GreenMail late = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (PageServer retrying = PageServer.start(Map.of("INVITEKIT_SMTP_PORT", Integer.toString(smtpPort)));
             Browser admin = Browser.open(retrying.base(), "invitations-follow")) {
            admin.go("/login");
            admin.type("#login-email", PageServer.ADMIN_EMAIL);
            admin.type("#login-password", PageServer.ADMIN_PASSWORD);
            admin.click("#login-form button[type=submit]");
            admin.awaitPath("/platform/invitations");
            admin.script("window.samePage = true");

            String email = "owner.follow@example.org";
            admin.type("#invite-email", email);
            admin.click("#invite-form button[type=submit]");
            admin.awaitText("#invite-sent", "Invitation sent to " + email);
            admin.until("the notice is inside the viewport", b -> inViewport(b, "#invite-sent"));
            assertThat(admin.attribute("#invite-sent", "aria-live")).isEqualTo("polite");
            admin.check("invitations-sent-notice");

            String badge = "#invitations tr[data-email='" + email + "'] .badge.delivery";
            // The row is asked again at a growing pause (up to 15 s): wait as generously as for "Sent" below.
            new FluentWait<>(admin).withTimeout(Duration.ofSeconds(150)).pollingEvery(Duration.ofMillis(250))
                    .withMessage("the first attempt fails and is retried").ignoring(StaleElementReferenceException.class)
                    .until(b -> b.texts(badge).contains("Retrying"));
            admin.check("invitations-row-retrying");
            late.start();
            new FluentWait<>(admin).withTimeout(Duration.ofSeconds(150)).pollingEvery(Duration.ofMillis(250))
                    .withMessage("the row turns Sent without a reload").ignoring(StaleElementReferenceException.class)
                    .until(b -> b.texts(badge).equals(List.of("Sent")));
            assertThat(admin.script("return window.samePage === true")).as("no reload").isEqualTo(true);
            assertThat(late.getReceivedMessages()).hasSize(1);
            admin.check("invitations-row-sent");
        } finally {
            late.stop();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static long height(Browser browser, String css) {
        return ((Number) browser.script("return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().height)",
                css)).longValue();
    }

    /** How far the element's right edge is from its card's: the same on every step when the buttons align. */
    private static double right(Browser browser, String css) {
        browser.visible(css);
        return ((Number) browser.script("const e = document.querySelector(arguments[0]);"
                + "return Math.round(e.closest('.card').getBoundingClientRect().right - e.getBoundingClientRect().right)",
                css)).doubleValue();
    }

    private static boolean inViewport(Browser browser, String css) {
        return Boolean.TRUE.equals(browser.script("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;", css));
    }

    /** A field's value whether or not its step is shown. */
    private static String field(Browser browser, String id) {
        return (String) browser.script("return document.getElementById(arguments[0]).value", id);
    }

    private static String storedDraft(Browser browser) {
        return (String) browser.script("return Object.keys(sessionStorage).map(k => k + '=' + sessionStorage.getItem(k)).join(';')");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

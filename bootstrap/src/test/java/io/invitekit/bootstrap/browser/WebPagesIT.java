package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both flows of SPEC §4 in headless Chromium against the bundled server: an admin invites through
 * the form, the email arrives (GreenMail), the owner goes through the wizard; a family shares its
 * code and a second user joins with it. Every page is photographed under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesIT {
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

    // ---- flow 1: tenant invitations ---------------------------------------------------------

    @Test
    void adminInvitesThroughTheFormAndTheOwnerGoesThroughEveryStepIncludingPayments() {
        String email = "owner.pay@example.org";
        try (Browser admin = Browser.open(server.base(), "flow1-admin")) {
            logInAsAdmin(admin);
            admin.check("invitations");
            admin.type("#invite-email", email);
            admin.type("#invite-suggested-business-name", "Pâtisserie Zürich & Co");
            admin.select("#invite-tier", "STARTER");
            admin.type("#invite-expires-in-days", "10");
            admin.click("#invite-custom-users");
            admin.type("#invite-custom-max-users", "12");
            admin.click("#permission-can_accept_payments");
            admin.click("#flag-calendars");
            admin.check("invite-form-filled");
            admin.click("#invite-form button[type=submit]");
            admin.awaitText("#invite-sent", email);

            String row = "#invitations tr[data-email='" + email + "']";
            admin.awaitText(row + " .badge.delivery", "Sent"); // the list follows the email out
            assertThat(admin.text(row + " .badge.status")).isEqualTo("Pending");
            assertThat(admin.text(row)).contains("Pâtisserie Zürich & Co", "Starter", "12 users · 25 resources");
            admin.check("invitation-sent");
        }

        String link = server.invitationLinkFor(email);
        try (Browser owner = Browser.open(server.base(), "flow1-owner")) {
            owner.go(link);
            owner.visible("#step-account");
            assertThat(owner.url().getQuery()).as("the token never goes into a query string").isNull();
            assertThat(owner.texts("#stepper li")).containsExactly("Account", "Business", "Payments", "Done");
            assertThat(owner.text("#offer-email")).isEqualTo(email);
            assertThat(owner.text("#offer-tier")).isEqualTo("Starter");
            assertThat(owner.text("#offer-users")).isEqualTo("12");
            assertThat(owner.texts("#offer-permissions li")).containsExactly("Accept online payments");
            owner.check("wizard-1-account");

            // Step 1 checks itself before moving on.
            owner.type("#account-first-name", "Grace");
            owner.type("#account-password", "owner password 1");
            owner.type("#account-password-confirm", "owner password 2");
            owner.click("#account-form button[type=submit]");
            assertThat(owner.awaitText("#account-last-name-error", "required")).isNotBlank();
            assertThat(owner.text("#account-password-confirm-error")).contains("don't match");
            assertThat(owner.attribute("#account-last-name", "aria-invalid")).isEqualTo("true");
            assertThat(owner.attribute("#account-last-name", "aria-describedby")).contains("account-last-name-error");
            assertThat(owner.focusedId()).isEqualTo("account-last-name");
            owner.check("wizard-1-account-errors");
            owner.type("#account-last-name", "Hopper");
            owner.type("#account-password-confirm", "owner password 1");
            owner.click("#account-form button[type=submit]");

            owner.visible("#step-business");
            assertThat(owner.value("#business-business-name")).isEqualTo("Pâtisserie Zürich & Co");
            assertThat(owner.value("#business-subdomain")).isEqualTo("patisserie-zurich-co");
            owner.awaitText("#business-subdomain-ok", "patisserie-zurich-co is available");
            assertThat(owner.value("#business-contact-email")).isEqualTo(email);
            owner.type("#business-phone", "+41 44 123 45 67");
            owner.check("wizard-2-business");
            owner.click("#business-submit");

            owner.visible("#step-payments");
            assertThat(owner.count(".site-header .user-menu")).as("signed in once the business exists").isEqualTo(1);
            owner.check("wizard-3-payments");
            owner.click("#payments-begin");

            owner.visible("#step-done");
            assertThat(owner.text("#summary")).contains("Pâtisserie Zürich & Co", "patisserie-zurich-co.acme.test",
                    "Starter", "+41 44 123 45 67", "No payment provider is connected");
            owner.check("wizard-4-done");
            owner.click("#go-dashboard");

            owner.awaitPath("/business"); // the business dashboard (issue 16 item 4)
            assertThat(owner.url().getQuery()).isEqualTo("tenant=" + tenantIdNamed("Pâtisserie Zürich & Co"));
            owner.awaitText("#business-name", "Pâtisserie Zürich & Co");
            assertThat(owner.texts("#members-summary dd")).containsExactly("1", "1", "0", "0");
            owner.check("dashboard");
        }
    }

    @Test
    void withoutPaymentsTheWizardSkipsThatStepAndAnExistingAccountOnlyGivesItsPassword() {
        String email = "owner.plain@example.org";
        server.signup(email, "Ada", "Lovelace"); // this owner already has an account
        server.verifyEmail(email); // ... a verified one, whose password an accept needs (an unverified one is claimed)
        try (Browser admin = Browser.open(server.base(), "flow1b-admin")) {
            logInAsAdmin(admin);
            admin.type("#invite-email", email);
            admin.type("#invite-suggested-business-name", "Plain Studio");
            admin.click("#invite-form button[type=submit]");
            admin.awaitText("#invite-sent", email);
            assertThat(admin.text("#invitations tr[data-email='" + email + "']")).contains("Professional");
        }

        String link = server.invitationLinkFor(email);
        try (Browser owner = Browser.open(server.base(), "flow1b-owner")) {
            owner.go(link);
            owner.visible("#step-account");
            assertThat(owner.texts("#stepper li")).containsExactly("Account", "Business", "Done");
            assertThat(owner.texts("#offer-permissions li")).containsExactly("The plan's standard features");
            // Not knowing about the account, the owner picks a new password: the server says no.
            owner.type("#account-first-name", "Ada");
            owner.type("#account-last-name", "Lovelace");
            owner.type("#account-password", "not the password");
            owner.type("#account-password-confirm", "not the password");
            owner.click("#account-form button[type=submit]");
            owner.awaitText("#business-subdomain-ok", "plain-studio is available");
            owner.click("#business-submit");

            owner.awaitText("#account-password-error", "An account with this email already exists");
            assertThat(owner.visible("#step-account").isDisplayed()).isTrue();
            assertThat(owner.visible("#account-existing").isSelected()).isTrue();
            owner.awaitHidden("#account-first-name");
            assertThat(owner.text("#account-password-label")).isEqualTo("Password of your account");
            owner.check("wizard-1-existing-account");
            owner.type("#account-password", PageServer.PASSWORD);
            owner.click("#account-form button[type=submit]");
            owner.click("#business-submit");

            owner.visible("#step-done");
            assertThat(owner.count("#step-payments:not([hidden])")).isZero();
            assertThat(owner.text("#summary")).contains("Plain Studio", "plain-studio.acme.test", "Professional", email)
                    .doesNotContain("Online payments");
            owner.check("wizard-done-without-payments");
            owner.click("#go-dashboard");
            owner.awaitPath("/business"); // the business dashboard (issue 16 item 4)
            owner.awaitText("#business-name", "Plain Studio");
            assertThat(owner.texts("#members-summary dd")).containsExactly("1", "1", "0", "0");
        }
    }

    @Test
    void aTakenSubdomainIsShownNextToItsFieldWithFreeAlternatives() {
        String taker = server.signup("taker@example.org", "Tom", "Taker");
        server.call("POST", "/api/tenants/", taker, Map.of("name", "Taken Co", "subdomain", "taken-co"));
        String email = "owner.taken@example.org";
        server.call("POST", "/api/platform/tenant-invitations/", server.adminToken(),
                Map.of("email", email, "suggested_business_name", "Taken Co"));

        try (Browser owner = Browser.open(server.base(), "taken-subdomain")) {
            owner.go(server.invitationLinkFor(email));
            fillAccount(owner, "Tara", "Owner");

            // Checked live, before anything is submitted.
            owner.awaitText("#business-subdomain-error", "taken-co is already taken");
            assertThat(owner.attribute("#business-subdomain", "aria-invalid")).isEqualTo("true");
            assertThat(owner.texts("#business-subdomain-suggestions button")).contains("taken-co-2");
            owner.check("live-check");
            owner.click("#business-submit");
            owner.awaitText("#business-subdomain-error", "taken-co is already taken");
            assertThat(owner.count("#step-done:not([hidden])")).as("no moving on with a taken subdomain").isZero();

            // Taken between the check and the submit: the server's 409 lands next to the field too.
            owner.type("#business-subdomain", "race-co");
            owner.awaitText("#business-subdomain-ok", "race-co is available");
            server.call("POST", "/api/tenants/", taker, Map.of("name", "Race Co", "subdomain", "race-co"));
            owner.click("#business-submit");
            owner.awaitText("#business-subdomain-error", "race-co is already taken");
            owner.check("taken-on-submit");

            owner.click("#business-subdomain-suggestions button");
            String chosen = owner.value("#business-subdomain");
            assertThat(chosen).startsWith("race-co-");
            owner.awaitText("#business-subdomain-ok", chosen + " is available");
            owner.click("#business-submit");
            owner.visible("#step-done");
            assertThat(owner.text("#summary")).contains(chosen + ".acme.test");
        }
    }

    @Test
    void deadInvitationLinksSayWhatHappened() {
        String admin = server.adminToken();
        String cancelled = "owner.cancelled@example.org";
        String id = server.call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", cancelled))
                .path("id").asText();
        String cancelledLink = server.invitationLinkFor(cancelled);
        server.call("DELETE", "/api/platform/tenant-invitations/" + id, admin, null);

        String used = "owner.used@example.org";
        server.call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", used));
        String usedLink = server.invitationLinkFor(used);
        Map<String, Object> accept = new HashMap<>(Map.of("password", PageServer.PASSWORD, "first_name", "Una",
                "last_name", "Used", "business_name", "Used Shop", "subdomain", "used-shop"));
        server.call("POST", "/api/platform/tenant-invitations/token/" + usedLink.split("#token=")[1] + "/accept", null, accept);

        try (Browser visitor = Browser.open(server.base(), "dead-links")) {
            visitor.go("/tenant-onboard#token=" + "A".repeat(43));
            assertThat(visitor.awaitText("#dead-title", "This invitation link doesn't work")).isNotBlank();
            assertThat(visitor.text("#dead-text")).contains("ask the person who invited you");
            assertThat(visitor.count("#wizard:not([hidden])")).isZero();
            visitor.check("unknown-token");

            visitor.go("/tenant-onboard");
            visitor.awaitText("#dead-title", "This invitation link doesn't work");

            visitor.go(cancelledLink);
            visitor.awaitText("#dead-title", "This invitation was cancelled");
            visitor.check("cancelled");

            visitor.go(usedLink);
            visitor.awaitText("#dead-title", "This invitation has already been used");
            visitor.click("#dead-action a");
            visitor.awaitPath("/login");
        }
    }

    @Test
    void anAdminResendsAndCancelsInvitationsAndSwitchesTenantsOffAndOn() {
        String admin = server.adminToken();
        String email = "owner.later@example.org";
        server.call("POST", "/api/platform/tenant-invitations/", admin,
                Map.of("email", email, "suggested_business_name", "Later Ltd"));
        String owner = server.signup("dormant@example.org", "Dora", "Mant");
        server.call("POST", "/api/tenants/", owner, Map.of("name", "Dormant Club"));

        try (Browser browser = Browser.open(server.base(), "admin")) {
            logInAsAdmin(browser);
            String row = "#invitations tr[data-email='" + email + "']";
            browser.awaitText(row + " .badge.delivery", "Sent");

            // Resending within the cooldown is refused, and the page says for how long.
            browser.click(row + " button.resend");
            assertThat(browser.text("dialog")).contains("Resend this invitation?", email);
            browser.check("resend-confirm");
            browser.click("dialog button.confirm");
            browser.awaitText("#list-error", "You can send another in");
            browser.check("resend-too-soon");

            browser.click(row + " button.cancel");
            browser.click("dialog button[value=cancel]"); // "Go back": nothing happens
            assertThat(browser.text(row + " .badge.status")).isEqualTo("Pending");
            browser.click(row + " button.cancel");
            browser.click("dialog button.confirm");
            browser.awaitText(row + " .badge.status", "Cancelled");
            assertThat(browser.count(row + " button.cancel")).isZero();

            browser.select("#status-filter", "CANCELLED");
            browser.until("only cancelled invitations listed", b -> !b.texts("#invitations .badge.status").isEmpty()
                    && b.texts("#invitations .badge.status").stream().allMatch("Cancelled"::equals));
            assertThat(browser.text("#invitations")).contains(email);
            browser.check("filtered-cancelled");

            // The user menu leads to the admin pages.
            browser.click(".user-menu summary");
            assertThat(browser.texts(".user-menu .menu a")).containsExactly("Family management", "Tenant invitations",
                    "Tenants", "Activity", "Webhooks", "Account settings");
            browser.check("user-menu");
            browser.click(".user-menu a[href='/platform/tenants']");
            browser.awaitPath("/platform/tenants");

            String active = "#active-tenants tr[data-name='Dormant Club']";
            browser.click(active + " button.deactivate");
            browser.click("dialog button.confirm");
            browser.awaitText("#tenants-notice", "Dormant Club is deactivated");
            // The notice shows as soon as the server answers; the lists reload after it.
            browser.until("Dormant Club leaves the active list", b -> b.count(active) == 0);
            assertThat(browser.attribute("#inactive-section", "open")).as("inactive ones start collapsed").isNull();
            browser.click("#inactive-section summary");
            browser.visible("#inactive-tenants tr[data-name='Dormant Club']");
            browser.check("tenants");
            browser.click("#inactive-tenants tr[data-name='Dormant Club'] button.reactivate");
            browser.click("dialog button.confirm");
            browser.awaitText("#tenants-notice", "Dormant Club is active again");
            browser.visible(active);

            browser.click(".user-menu summary");
            browser.click("#logout");
            browser.awaitPath("/login");
            browser.go("/platform/tenants");
            browser.awaitPath("/login"); // signed out: the page sends the visitor to log in
        }
    }

    // ---- flow 2: join codes -----------------------------------------------------------------

    @Test
    void aFamilySharesItsCodeAndASecondUserJoinsWithItTypedDifferently() {
        String tenantId;
        String display;
        try (Browser alice = Browser.open(server.base(), "flow2-alice")) {
            alice.go("/");
            alice.awaitPath("/login");
            alice.check("login");
            alice.click("a[href='/signup']");
            alice.awaitPath("/signup");
            alice.type("#signup-email", "alice@example.org");
            alice.type("#signup-first-name", "Alice");
            alice.type("#signup-last-name", "Smith");
            alice.type("#signup-password", "alice's password");
            alice.type("#signup-password-confirm", "alice's password");
            alice.check("signup");
            alice.click("#signup-form button[type=submit]");

            alice.awaitPath("/join-or-create");
            alice.awaitText("h1", "Welcome, Alice");
            alice.check("join-or-create");
            alice.click("#create-form button[type=submit]");
            alice.awaitText("#create-name-error", "required");
            alice.type("#create-name", "The Smiths");
            alice.click("#create-form button[type=submit]");

            alice.awaitPath("/family/manage");
            alice.awaitText("#family-name", "The Smiths");
            tenantId = alice.url().getQuery().replace("tenant=", "");
            display = alice.text("#join-code");
            assertThat(display).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");
            alice.click("#copy-code");
            alice.awaitText("#code-status", "Copied " + display);
            assertThat(alice.clipboard()).isEqualTo(display);
            alice.check("family-manage");
        }

        try (Browser bob = Browser.open(server.base(), "flow2-bob")) {
            bob.go("/signup");
            bob.type("#signup-email", "bob@example.org");
            bob.type("#signup-first-name", "Bob");
            bob.type("#signup-last-name", "Smith");
            bob.type("#signup-password", "bob's password");
            bob.type("#signup-password-confirm", "bob's password");
            bob.click("#signup-form button[type=submit]");
            bob.awaitPath("/join-or-create");
            // The join card takes the code in place: no second page.
            bob.visible("#join-form #join-code");

            bob.type("#join-code", "ZZZZ-ZZZZ".equals(display) ? "YYYY-YYYY" : "ZZZZ-ZZZZ");
            bob.click("#join-form button[type=submit]");
            bob.awaitText("#join-code-error", "That code doesn't match any family");
            assertThat(bob.attribute("#join-code", "aria-invalid")).isEqualTo("true");
            assertThat(bob.attribute("#join-code", "aria-describedby")).contains("join-code-error");
            bob.check("join-in-place-wrong-code");
            assertThat(bob.url().getPath()).isEqualTo("/join-or-create");

            bob.type("#join-code", "UUUU-UUUU");
            bob.click("#join-form button[type=submit]");
            bob.awaitText("#join-code-error", "That isn't a join code");

            // Lower case, a space for the dash, look-alike letters: the server's normalizer forgives it.
            String typed = display.toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'l');
            bob.type("#join-code", typed);
            bob.click("#join-form button[type=submit]");
            bob.awaitPath("/family/manage");
            assertThat(bob.url().getQuery()).isEqualTo("tenant=" + tenantId);
            bob.awaitText("#members", "Bob Smith");
            assertThat(bob.texts("#members tr")).hasSize(2);
            assertThat(bob.text("#members")).contains("Alice Smith", "Owner", "Bob Smith", "Member");
            assertThat(bob.count("#code-actions:not([hidden])")).as("members do not rotate codes").isZero();
            bob.check("family-manage-member");
        }

        try (Browser alice = Browser.open(server.base(), "flow2-alice-again")) {
            alice.go("/login");
            alice.type("#login-email", "alice@example.org");
            alice.type("#login-password", "wrong password");
            alice.click("#login-form button[type=submit]");
            alice.awaitText("#login-form .form-error", "The email or password is not right");
            alice.check("login-wrong-password");
            alice.type("#login-password", "alice's password");
            alice.click("#login-form button[type=submit]");
            alice.awaitPath("/family/manage"); // a member lands on their first family
            assertThat(alice.url().getQuery()).isEqualTo("tenant=" + tenantId);
            assertThat(alice.awaitText("#join-code", display)).isEqualTo(display);

            alice.click("#rotate-code");
            assertThat(alice.text("dialog")).contains("Replace the invite code?");
            alice.click("dialog button.confirm");
            alice.awaitText("#code-status", "The old code no longer works");
            assertThat(alice.text("#join-code")).isNotEqualTo(display).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");

            alice.click("#disable-code");
            alice.click("dialog button.confirm");
            alice.awaitText("#code-status", "The code is turned off");
            alice.visible("#code-none");
            alice.check("code-turned-off");
        }
    }

    @Test
    void aCodeTurnedOffShowsAsOffToMembersUntilAnOwnerTurnsItOnAndADeactivatedFamilyShowsNoCode() {
        String owner = server.signup("carol@example.org", "Carol", "Jones");
        String tenantId = server.call("POST", "/api/tenants/", owner, Map.of("name", "The Joneses")).path("id").asText();
        String codePath = "/api/tenants/" + tenantId + "/invite-code";
        String old = server.call("GET", codePath, owner, null).path("display").asText();
        String member = server.signup("dave@example.org", "Dave", "Jones");
        server.call("POST", "/api/join", member, Map.of("code", old));
        server.call("DELETE", codePath, owner, null);

        try (Browser dave = Browser.open(server.base(), "off-member")) {
            logIn(dave, "dave@example.org");
            dave.awaitPath("/family/manage");
            dave.awaitText("#code-off-text", "Joining with a code is turned off");
            assertThat(dave.text("#code-off-text")).contains("owner or an admin can turn it on");
            assertThat(dave.count("#turn-on-code:not([hidden])")).as("members cannot turn it on").isZero();
            assertThat(dave.count("#code-area:not([hidden])")).isZero();
            assertThat(dave.count("#code-actions:not([hidden])")).isZero();
            dave.check("code-off-member");
        }
        assertThat(server.call("GET", codePath, member, null).path("enabled").asBoolean())
                .as("the member's visit generated no code").isFalse();

        try (Browser carol = Browser.open(server.base(), "off-owner")) {
            logIn(carol, "carol@example.org");
            carol.awaitPath("/family/manage");
            carol.awaitText("#code-off-text", "until you turn it on again");
            carol.check("code-off-owner");
            carol.click("#turn-on-code");
            carol.awaitText("#code-status", "Joining with a code is on again");
            assertThat(carol.text("#join-code")).matches("[0-9A-Z]{4}-[0-9A-Z]{4}").isNotEqualTo(old);
            carol.visible("#code-actions");
            assertThat(carol.count("#code-none:not([hidden])")).isZero();
            carol.check("code-on-again");

            server.call("POST", "/api/platform/tenants/" + tenantId + "/deactivate", server.adminToken(), null);
            carol.go("/family/manage?tenant=" + tenantId);
            carol.awaitText("#code-inactive", "deactivated");
            carol.visible("#family-inactive");
            assertThat(carol.count("#code-area:not([hidden])")).as("no code").isZero();
            assertThat(carol.count("#code-none:not([hidden])")).isZero();
            assertThat(carol.count("#code-actions:not([hidden])")).as("no code controls").isZero();
            assertThat(carol.count("#code-error:not([hidden])")).isZero();
            carol.check("code-family-deactivated");
        }
    }

    @Test
    void someoneInMoreThanFiftyFamiliesSeesTheFirstFiftyAndTheRestOnRequest() {
        String member = server.signup("erin@example.org", "Erin", "Many");
        String owner = null;
        for (int i = 0; i < 52; i++) {
            if (i % 10 == 0) { // one account owns at most 10
                owner = server.signup("club-owner-" + i + "@example.org", "Club", "Owner");
            }
            String id = server.call("POST", "/api/tenants/", owner, Map.of("name", "Club " + i)).path("id").asText();
            String code = server.call("GET", "/api/tenants/" + id + "/invite-code", owner, null).path("code").asText();
            server.call("POST", "/api/join", member, Map.of("code", code));
        }

        try (Browser erin = Browser.open(server.base(), "many-families")) {
            logIn(erin, "erin@example.org");
            erin.awaitPath("/family/manage");
            erin.awaitText("#family-name", "Club 0");
            erin.visible("#more-families");
            assertThat(erin.count("#family-switch a")).isEqualTo(50);
            assertThat(erin.text("#family-switch a[aria-current=page]")).isEqualTo("Club 0");
            erin.click("#more-families");
            erin.until("all 52 families are listed", b -> b.count("#family-switch a") == 52);
            erin.awaitHidden("#more-families");
            assertThat(erin.texts("#family-switch a")).contains("Club 49", "Club 50", "Club 51").doesNotHaveDuplicates();
            erin.check("many-families");
            erin.click("#family-switch a:last-of-type");
            erin.awaitText("#family-name", "Club 51");
        }
    }

    // ---- accounts: a forgotten password ----------------------------------------------------------

    @Test
    void aForgottenPasswordIsResetThroughTheEmailedLinkAndTheNewOneLogsIn() {
        String email = "forgetful@example.org";
        server.signup(email, "Fran", "Forgetful");
        try (Browser user = Browser.open(server.base(), "reset")) {
            user.go("/login");
            user.click("a[href='/forgot-password']");
            user.awaitPath("/forgot-password");
            user.type("#forgot-email", email);
            user.click("#forgot-form button[type=submit]");
            user.visible("#forgot-sent");
            user.check("forgot-sent");

            user.go(server.linkFor(email, "/reset-password"));
            user.awaitPath("/reset-password");
            // The page's script runs once the strings and the platform are in: then the token goes.
            user.until("the token leaves the address bar", b -> b.url().getFragment() == null);
            user.type("#reset-password", "a brand new password");
            user.click("#reset-form button[type=submit]");
            user.visible("#reset-done");

            user.go("/login");
            user.type("#login-email", email);
            user.type("#login-password", PageServer.PASSWORD);
            user.click("#login-form button[type=submit]");
            user.visible("#login-form .form-error");
            user.type("#login-password", "a brand new password");
            user.click("#login-form button[type=submit]");
            user.awaitPath("/join-or-create");
        }
    }

    // ---- accounts: the session of the pages ----------------------------------------------------

    @Test
    void theSessionIsSharedByEveryTabSurvivesARefreshAndNoScriptCanReadIt() {
        String email = "tabs@example.org";
        server.signup(email, "Tabitha", "Tabs");
        try (Browser user = Browser.open(server.base(), "tabs")) {
            logIn(user, email);
            user.awaitPath("/join-or-create");
            user.awaitText("h1", "Welcome, Tabitha");

            user.refresh();
            user.awaitText("h1", "Welcome, Tabitha");
            assertThat(user.url().getPath()).as("a refresh keeps the session").isEqualTo("/join-or-create");
            assertThat(user.script("return document.cookie")).as("HttpOnly: no script sees the session").isEqualTo("");
            assertThat(user.script("return sessionStorage.length + localStorage.length"))
                    .as("no token kept in storage").isEqualTo(0L);

            // A second tab (a ctrl-click on a menu link) is signed in too.
            user.newTab("/account");
            user.awaitText("#account-email", email);
            user.click(".user-menu summary");
            user.click("#logout");
            user.awaitPath("/login");

            // Logging out in one tab ends the session in every tab.
            user.firstTab();
            user.refresh();
            user.awaitPath("/login");
        }
    }

    @Test
    void accountSettingsChangeTheNameAndThePasswordAndSignOutOtherSessions() {
        String email = "settings@example.org";
        String phone = server.signup(email, "Sam", "Settings"); // an app signed in with bearer tokens
        try (Browser user = Browser.open(server.base(), "settings")) {
            logIn(user, email);
            user.awaitPath("/join-or-create");
            user.click(".user-menu summary");
            user.click(".user-menu a[href='/account']");
            user.awaitPath("/account");
            user.until("both sessions are listed", b -> b.count("#sessions tr") == 2);
            assertThat(user.text("#sessions tr[data-current=true]")).contains("This session", "Web browser", "Chrome");
            assertThat(user.text("#sessions tr[data-current=false]")).contains("App or API client");
            user.check("account");

            user.type("#name-first-name", "Samantha");
            user.click("#name-form button[type=submit]");
            user.awaitText("#name-status", "saved");
            user.awaitText(".user-menu .user-name", "Samantha Settings");

            user.type("#password-current", "not the password at all");
            user.type("#password-new", "a new password 2");
            user.type("#password-confirm", "a new password 2");
            user.click("#password-form button[type=submit]");
            user.awaitText("#password-current-error", "not your current password");
            assertThat(server.status("GET", "/api/me", phone)).as("a wrong password changes nothing").isEqualTo(200);
            user.type("#password-current", PageServer.PASSWORD);
            user.click("#password-form button[type=submit]");
            user.awaitText("#password-status", "Your password is changed");
            user.until("the other session is gone", b -> b.count("#sessions tr") == 1);
            assertThat(server.status("GET", "/api/me", phone)).as("the other session ended").isEqualTo(401);
            user.refresh();
            user.awaitText("#account-email", email); // this one lives on

            // Two more sessions elsewhere: one signed out by itself, then every other one at once.
            String tablet = server.logIn(email, "a new password 2");
            String laptop = server.logIn(email, "a new password 2");
            user.refresh();
            user.until("three sessions are listed", b -> b.count("#sessions tr") == 3);
            user.click("#sessions tr[data-current=false] button.revoke");
            user.awaitText("#sessions-status", "That session is signed out");
            user.until("two sessions are left", b -> b.count("#sessions tr") == 2);
            assertThat(List.of(server.status("GET", "/api/me", tablet), server.status("GET", "/api/me", laptop)))
                    .containsExactlyInAnyOrder(200, 401);
            user.click("#revoke-others");
            assertThat(user.text("dialog")).contains("Sign out every other session?");
            user.click("dialog button.confirm");
            user.awaitText("#sessions-status", "Other sessions signed out: 1");
            user.until("only this session is left", b -> b.count("#sessions tr") == 1);
            assertThat(server.status("GET", "/api/me", tablet)).isEqualTo(401);
            assertThat(server.status("GET", "/api/me", laptop)).isEqualTo(401);
            user.awaitHidden("#revoke-others");
        }
    }

    @Test
    void aFormPostedFromAnotherOriginIsRefusedThoughTheBrowserSendsTheCookie() throws IOException {
        String email = "csrf@example.org";
        String token = server.signup(email, "Cyrus", "Surf");
        // Another port of the same host: the same site, so SameSite=Lax does not hold the cookie back;
        // the server's origin check is what refuses. The text/plain body is valid JSON on purpose.
        String html = "<!doctype html><title>Win a prize</title><form id=f method=POST enctype=text/plain action='"
                + server.base() + "/api/tenants/'><input name='{\"name\":\"Evil Family\",\"x\":\"' value='\"}'>"
                + "</form><script>document.getElementById('f').submit()</script>";
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try (Browser user = Browser.open(server.base(), "csrf")) {
            logIn(user, email);
            user.awaitPath("/join-or-create");
            user.go("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            user.awaitPath("/api/tenants/"); // the browser posted the form and shows the answer
            assertThat(user.awaitText("body", "cross_site_request")).contains("403");
            user.screenshot("cross-site-refused"); // the API's answer, not a page: nothing for axe to judge
        } finally {
            evil.stop(0);
        }
        assertThat(server.call("GET", "/api/me", token, null).path("memberships")).as("no family was made").isEmpty();
    }

    private static void logIn(Browser browser, String email) {
        browser.go("/login");
        browser.type("#login-email", email);
        browser.type("#login-password", PageServer.PASSWORD);
        browser.click("#login-form button[type=submit]");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void logInAsAdmin(Browser browser) {
        browser.go("/login");
        browser.type("#login-email", PageServer.ADMIN_EMAIL);
        browser.type("#login-password", PageServer.ADMIN_PASSWORD);
        browser.click("#login-form button[type=submit]");
        browser.awaitPath("/platform/invitations"); // an admin without families lands here
        browser.visible("#invite-email");
    }

    private static void fillAccount(Browser owner, String first, String last) {
        owner.visible("#step-account");
        owner.type("#account-first-name", first);
        owner.type("#account-last-name", last);
        owner.type("#account-password", "owner password 1");
        owner.type("#account-password-confirm", "owner password 1");
        owner.click("#account-form button[type=submit]");
        owner.visible("#step-business");
    }

    private String tenantIdNamed(String name) {
        JsonNode page = server.call("GET", "/api/platform/tenants/?limit=200", server.adminToken(), null);
        List<JsonNode> named = StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(t -> t.path("name").asText().equals(name)).toList();
        assertThat(named).hasSize(1);
        return named.get(0).path("id").asText();
    }

    // ==== email verification (issue 12 item 1; verify-email helper) ==============================
    // Kept together at the end of the class so that they merge cleanly with other helpers' tests.

    @Test
    void aNewAccountConfirmsItsEmailThroughTheEmailedLinkAndIsSignedIn() {
        String email = "confirm@example.org";
        try (Browser user = Browser.open(server.base(), "verify")) {
            user.go("/signup");
            user.type("#signup-email", email);
            user.type("#signup-first-name", "Cora");
            user.type("#signup-last-name", "Confirm");
            user.type("#signup-password", PageServer.PASSWORD);
            user.type("#signup-password-confirm", PageServer.PASSWORD);
            user.click("#signup-form button[type=submit]");
            user.awaitPath("/join-or-create"); // verified emails are not required here: signed in at once

            user.go(server.linkFor(email, "/verify-email"));
            // The link proves the address; the password, that this is who chose the account.
            user.type("#verify-password", "not the password");
            user.click("#verify-form button[type=submit]");
            user.awaitText("#verify-password-error", "not the password of this account");
            assertThat(server.call("GET", "/api/me", server.login(email), null).path("email_verified").asBoolean())
                    .as("a wrong password verifies nothing").isFalse();
            user.check("verify-password");
            user.type("#verify-password", PageServer.PASSWORD);
            user.click("#verify-form button[type=submit]");
            user.awaitPath("/join-or-create");
            assertThat(server.call("GET", "/api/me", server.login(email), null).path("email_verified").asBoolean())
                    .isTrue();

            user.go(server.base() + "/verify-email#token=" + "A".repeat(43));
            user.type("#verify-password", PageServer.PASSWORD);
            user.click("#verify-form button[type=submit]");
            user.visible("#verify-resend-form .form-error");
            user.check("verify-invalid");
            user.type("#verify-email", email);
            user.click("#verify-resend-form button[type=submit]");
            user.visible("#verify-resent");
        }
    }

    @Test
    void withVerifiedEmailsRequiredSignUpSaysCheckYourEmailAndTheLinkSignsIn() throws Exception {
        String email = "strict@example.org";
        try (PageServer strict = PageServer.start(Map.of("INVITEKIT_REQUIRE_VERIFIED_EMAIL", "true"));
             Browser user = Browser.open(strict.base(), "verify-required")) {
            user.go("/signup");
            user.type("#signup-email", email);
            user.type("#signup-first-name", "Sol");
            user.type("#signup-last-name", "Strict");
            user.type("#signup-password", PageServer.PASSWORD);
            user.type("#signup-password-confirm", PageServer.PASSWORD);
            user.click("#signup-form button[type=submit]");
            user.visible("#signup-check");
            user.check("signup-check-email");
            String link = strict.linkFor(email, "/verify-email");

            user.go("/login");
            user.type("#login-email", email);
            user.type("#login-password", PageServer.PASSWORD);
            user.click("#login-form button[type=submit]");
            user.visible("#login-form .form-error");

            user.go(link);
            user.type("#verify-password", PageServer.PASSWORD);
            assertThat(user.url().getFragment()).as("the token leaves the address bar").isNull();
            user.click("#verify-form button[type=submit]");
            user.awaitPath("/join-or-create");
        }
    }

    // ==== the shell: platform name, long names on phones, errors as pages (issue 16; pg-shell) ====
    // Kept together at the end of the class so that they merge cleanly with other helpers' tests.

    /** 60 characters, no space to break at: the worst a name field lets through that a layout meets. */
    private static final String LONG_FAMILY = "Wolfeschlegelsteinhausenbergerdorffvorwaltersfamilienverband";
    private static final String LONG_FIRST = "Maximilianfriedrichwilhelmbartholomaeusconstantinleopoldgust";
    private static final String LONG_LAST = "Schwarzenbergerhofstetterlindenblattmeisterwaldkirchnerbach";

    /** A 60-character address: {@code prefix} padded with x up to the domain. */
    private static String longEmail(String prefix) {
        String domain = "@example.org";
        return prefix + "x".repeat(60 - prefix.length() - domain.length()) + domain;
    }

    @Test
    void sixtyCharacterNamesAndEmailsFitEveryPageFrom320To1280AndEveryPageShowsThePlatformsName() throws IOException {
        // Its own server: it makes more accounts than one address may sign up in an hour beside this class's other tests.
        try (PageServer own = PageServer.start()) {
            assertThat(LONG_FAMILY).hasSize(60);
            assertThat(LONG_FIRST).hasSize(60);
            assertThat(LONG_LAST).hasSize(59);
            String ownerEmail = longEmail("long.owner.");
            String memberEmail = longEmail("long.member.");
            String inviteeEmail = longEmail("long.invitee.");
            String businessEmail = longEmail("long.business.");
            assertThat(ownerEmail).hasSize(60);

            String owner = own.signup(ownerEmail, LONG_FIRST, LONG_LAST);
            String tenantId = own.call("POST", "/api/tenants/", owner, Map.of("name", LONG_FAMILY)).path("id").asText();
            String code = own.call("GET", "/api/tenants/" + tenantId + "/invite-code", owner, null).path("display").asText();
            String member = own.signup(memberEmail, LONG_LAST, LONG_FIRST);
            own.call("POST", "/api/join", member, Map.of("code", code));
            own.call("POST", "/api/tenants/" + tenantId + "/invitations", owner, Map.of("email", inviteeEmail, "role", "MEMBER"));
            own.call("POST", "/api/platform/tenant-invitations/", own.adminToken(),
                    Map.of("email", businessEmail, "suggested_business_name", LONG_FAMILY));
            String memberInvitation = own.linkFor(inviteeEmail, "/invite");
            String tenantInvitation = own.invitationLinkFor(businessEmail);

            List<Double> headerHeights = new java.util.ArrayList<>();
            try (Browser visitor = Browser.open(own.base(), "long-signed-out")) {
                for (String[] page : new String[][] {{"/login", "#login-form"}, {"/signup", "#signup-form"},
                        {"/forgot-password", "#forgot-form"}, {"/join/" + code, "#join-signed-out"},
                        {"/no-such-page", "#not-found"}}) {
                    visitor.go(page[0]);
                    visitor.visible(page[1]);
                    shellCheck(visitor, "long" + page[0].replace('/', '-'), headerHeights);
                }
                visitor.go(memberInvitation);
                visitor.awaitText("#offer-title", LONG_FAMILY);
                shellCheck(visitor, "long-invite-landing", headerHeights);

                visitor.go(tenantInvitation);
                visitor.visible("#step-account");
                assertThat(visitor.text("#offer-email")).isEqualTo(businessEmail);
                shellCheck(visitor, "long-wizard-account", headerHeights);
                fillAccount(visitor, LONG_FIRST, LONG_LAST);
                // The family of the same name took the 60-character subdomain: the longest error and suggestions.
                visitor.awaitText("#business-subdomain-error", "is already taken");
                shellCheck(visitor, "long-wizard-business-taken", headerHeights);
                visitor.click("#business-subdomain-suggestions button");
                visitor.awaitText("#business-subdomain-ok", "is available");
                shellCheck(visitor, "long-wizard-business", headerHeights);
                visitor.click("#business-submit");
                visitor.visible("#step-done");
                assertThat(visitor.count(".site-header .user-menu")).as("signed in once the business exists").isEqualTo(1);
                shellCheck(visitor, "long-wizard-done", headerHeights);
            }

            try (Browser user = Browser.open(own.base(), "long-owner")) {
                logIn(user, ownerEmail);
                user.awaitPath("/family/manage");
                user.awaitText("#family-name", LONG_FAMILY);
                user.awaitText("#members", LONG_FIRST);
                assertThat(user.script("return document.title")).isEqualTo(LONG_FAMILY + " · Acme Cloud");
                shellCheck(user, "long-family-manage", headerHeights);
                user.click(".user-menu summary");
                user.visible(".user-menu .menu");
                shellCheck(user, "long-user-menu", headerHeights);
                user.click(".user-menu summary");
                for (String[] page : new String[][] {{"/join-or-create", "#create-form"}, {"/family/join", "#join-form"},
                        {"/account", "#sessions tr"}, {"/family/webhooks?tenant=" + tenantId, "#webhook-form"},
                        {"/join/" + code, "#join-signed-in"}}) {
                    user.go(page[0]);
                    user.visible(page[1]);
                    shellCheck(user, "long" + page[0].replaceAll("[/?=]", "-"), headerHeights);
                }
            }

            try (Browser admin = Browser.open(own.base(), "long-admin")) {
                logInAsAdmin(admin);
                admin.awaitText("#invitations tr[data-email='" + businessEmail + "']", LONG_FAMILY);
                shellCheck(admin, "long-platform-invitations", headerHeights);
                admin.go("/platform/tenants");
                admin.awaitText("#active-tenants", LONG_FAMILY);
                shellCheck(admin, "long-platform-tenants", headerHeights);
                admin.go("/platform/activity");
                admin.awaitText("#activity", "tenant");
                shellCheck(admin, "long-platform-activity", headerHeights);
                admin.go("/platform/webhooks");
                admin.visible("#webhook-form");
                shellCheck(admin, "long-platform-webhooks", headerHeights);
            }
            assertThat(headerHeights).as("the header's height on every page and in every state").isNotEmpty()
                    .allMatch(h -> h.equals(headerHeights.get(0)));
        }
    }

    /** The check of every state, and the shell's own: the platform's name in the title and the header. */
    private static void shellCheck(Browser browser, String state, List<Double> headerHeights) {
        browser.until(state + ": the header is drawn", b -> !b.texts(".site-header .brand").isEmpty()
                && !b.texts(".site-header .brand").get(0).isBlank());
        assertThat(browser.text(".site-header .brand")).as(state).isEqualTo("Acme Cloud");
        assertThat((String) browser.script("return document.title")).as(state).endsWith(" · Acme Cloud")
                .doesNotContain("Invitekit");
        headerHeights.add(((Number) browser.script(
                "return document.querySelector('.site-header').getBoundingClientRect().height")).doubleValue());
        browser.check(state);
    }

    @Test
    void aMistypedAddressIsAPageWithAWayBackWhileTheApiKeepsProblemJson() {
        try (Browser visitor = Browser.open(server.base(), "not-found")) {
            visitor.go("/family/mange?tenant=x");
            visitor.awaitText("#not-found-title", "This page doesn't exist");
            assertThat((String) visitor.script("return document.title")).isEqualTo("Page not found · Acme Cloud");
            assertThat(visitor.text(".site-header .brand")).isEqualTo("Acme Cloud");
            visitor.check("not-found");
            visitor.click("#not-found-home");
            visitor.awaitPath("/login");

            visitor.go("/api/no-such-thing");
            assertThat(visitor.awaitText("body", "not_found")).contains("\"status\":404");
        }
        assertThat(server.status("GET", "/no-such-page", null)).isEqualTo(404);
    }

    @Test
    void aPageThatCannotLoadWhatItShowsSaysSoWithAWayOn() {
        String email = "lost@example.org";
        server.signup(email, "Lou", "Lost");
        try (Browser user = Browser.open(server.base(), "error-view")) {
            logIn(user, email);
            user.awaitPath("/join-or-create");
            user.go("/family/manage?tenant=00000000-0000-7000-8000-000000000000");
            user.awaitText("#error-title", "This page could not be shown");
            assertThat(user.text("#error-message")).isNotBlank();
            assertThat((String) user.script("return document.title")).isEqualTo("Something went wrong · Acme Cloud");
            assertThat(user.focusedId()).isEqualTo("error-title");
            user.check("error-view");
            user.click("#error-home");
            user.awaitPath("/join-or-create");
        }
    }

    @Test
    void theAdminIsNotGreetedByTheStandInNameAndTheMenuButtonIsNamedByWhatItShows() {
        try (Browser admin = Browser.open(server.base(), "admin-greeting")) {
            logInAsAdmin(admin);
            admin.go("/join-or-create");
            admin.awaitText("h1", "Welcome");
            assertThat(admin.text("h1")).isEqualTo("Welcome").doesNotContain("Platform");
            assertThat(admin.text(".user-menu summary")).contains(PageServer.ADMIN_EMAIL).doesNotContain("Platform Admin");
            assertThat(admin.attribute(".user-menu summary", "aria-label")).as("named by its own text").isNull();
            admin.check("admin-join-or-create");
        }
    }
}

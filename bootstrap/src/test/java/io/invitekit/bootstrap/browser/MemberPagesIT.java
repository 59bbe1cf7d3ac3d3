package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13's pages in headless Chromium against the bundled server: inviting by email (the email
 * arrives through GreenMail) and accepting with a new and with an existing account, changing a
 * role, removing a member, leaving, transferring ownership, and joining by link signed out and
 * signed in. Each test makes its own family and users, so they run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberPagesIT {
    /**
     * API sessions by email, from sign-up: every log-in from this one address counts against the
     * server's per-address log-in allowance (30 a minute), and sign-ups against theirs (20 an hour:
     * this class makes 15 accounts).
     */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
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

    // ---- invitations by email ------------------------------------------------------------------

    @Test
    void anOwnerInvitesByEmailAndANewAccountAcceptsThroughTheEmailedLink() {
        String tenantId = family("olive@example.org", "Olive", "Owner", "The Olives");
        String invitee = "nina@example.org";
        try (Browser owner = Browser.open(server.base(), "members-invite-owner")) {
            logIn(owner, "olive@example.org");
            owner.awaitPath("/family/manage");
            owner.visible("#invite-card");
            assertThat(owner.texts("#member-invite-role option:not([hidden])")).containsExactly("Member", "Admin");

            owner.click("#member-invite-form button[type=submit]");
            owner.awaitText("#member-invite-email-error", "required");
            owner.type("#member-invite-email", invitee);
            owner.select("#member-invite-role", "ADMIN");
            owner.check("invite-form");
            owner.click("#member-invite-form button[type=submit]");
            owner.awaitText("#member-invite-sent", "Invitation sent to " + invitee + " as Admin");
            String row = "#pending tr[data-email='" + invitee + "']";
            assertThat(owner.text(row)).contains("Admin", "Pending");
            owner.awaitText(row + " .badge.delivery", "Sent");

            // The same email again: one pending invitation per family and email.
            owner.type("#member-invite-email", invitee.toUpperCase());
            owner.click("#member-invite-form button[type=submit]");
            owner.awaitText("#member-invite-email-error", "already has a pending invitation");
            owner.check("pending-invitations");
        }

        String link = server.linkFor(invitee, "/invite");
        try (Browser nina = Browser.open(server.base(), "members-invite-new")) {
            nina.go(link);
            nina.awaitText("#offer-title", "Join The Olives");
            assertThat(nina.text("#offer-intro")).contains("Olive Owner invited you to join The Olives as Admin");
            assertThat(nina.text("#offer-email")).isEqualTo(invitee);
            assertThat(nina.text("#offer-role")).isEqualTo("Admin");
            nina.check("invite-landing");
            nina.type("#account-first-name", "Nina");
            nina.type("#account-last-name", "New");
            nina.type("#account-password", PageServer.PASSWORD);
            nina.type("#account-password-confirm", "not the same");
            nina.click("#account-submit");
            nina.awaitText("#account-password-confirm-error", "don't match");
            nina.check("invite-landing-errors");
            nina.type("#account-password-confirm", PageServer.PASSWORD);
            nina.click("#account-submit");

            nina.awaitPath("/family/manage");
            assertThat(nina.url().getQuery()).isEqualTo("tenant=" + tenantId);
            nina.awaitText("#members", "Nina New");
            assertThat(nina.text("#members tr[data-email='" + invitee + "']")).contains("Admin", "That's you");
            nina.check("invite-accepted-family");
            // Signed in with the cookie session: a reload keeps her in.
            nina.refresh();
            nina.awaitText("#family-name", "The Olives");

            // The link is used up.
            nina.go(link);
            nina.awaitText("#dead-title", "already been used");
            nina.check("invite-used");
        }
        JsonNode me = server.call("GET", "/api/me", server.login(invitee), null);
        assertThat(me.path("email_verified").asBoolean()).as("the link proved the address").isTrue();
    }

    @Test
    void pendingInvitationsAreResentWithinTheRulesAndRevokedAfterAConfirmation() {
        String owner = "rita@example.org";
        String tenantId = family(owner, "Rita", "Resend", "The Resenders");
        String invitee = "ruth@example.org";
        server.call("POST", "/api/tenants/" + tenantId + "/invitations", token(owner),
                Map.of("email", invitee, "role", "MEMBER"));
        String link = server.linkFor(invitee, "/invite");
        try (Browser browser = Browser.open(server.base(), "members-resend")) {
            logIn(browser, owner);
            String row = "#pending tr[data-email='" + invitee + "']";
            browser.awaitText(row + " .badge.delivery", "Sent");

            browser.click(row + " button.resend");
            assertThat(browser.text("dialog")).contains("Resend this invitation?", invitee);
            browser.click("dialog button.confirm");
            browser.awaitText("#pending-error", "You can send another in");
            browser.check("pending-resend-too-soon");

            browser.click(row + " button.revoke");
            browser.click("dialog button[value=cancel]"); // "Go back": nothing happens
            assertThat(browser.count(row)).isEqualTo(1);
            browser.click(row + " button.revoke");
            assertThat(browser.text("dialog")).contains("Revoke this invitation?", invitee);
            browser.click("dialog button.confirm");
            browser.awaitText("#pending-notice", "The invitation to " + invitee + " is revoked");
            browser.until("the revoked invitation leaves the pending list", b -> b.count(row) == 0);
            browser.visible("#pending-empty");
            browser.check("pending-revoked");
        }
        try (Browser ruth = Browser.open(server.base(), "members-revoked")) {
            ruth.go(link);
            ruth.awaitText("#dead-title", "This invitation was revoked");
            ruth.check("invite-revoked");
            ruth.go("/invite#token=nonsense");
            ruth.awaitText("#dead-title", "This invitation link doesn't work");
            ruth.check("invite-unknown-token");
        }
    }

    @Test
    void anExistingAccountAcceptsSignedOutWithItsPasswordAndSignedInWithOneButton() {
        String owner = "ella@example.org";
        String tenantId = family(owner, "Ella", "Existing", "The Existing");
        String ownerToken = token(owner);
        String erin = "erin@example.org";
        String fred = "fred@example.org";
        signup(erin, "Erin", "Early");
        server.verifyEmail(erin); // an unverified account would be claimed by the link, whatever password
        signup(fred, "Fred", "Früh");
        server.call("POST", "/api/tenants/" + tenantId + "/invitations", ownerToken, Map.of("email", erin, "role", "MEMBER"));
        String erinLink = server.linkFor(erin, "/invite");

        try (Browser browser = Browser.open(server.base(), "members-invite-existing")) {
            browser.go(erinLink);
            browser.awaitText("#offer-title", "Join The Existing");
            browser.click("#account-existing");
            browser.awaitHidden("#account-first-name");
            browser.type("#account-password", "not the password");
            browser.click("#account-submit");
            browser.awaitText("#account-password-error", "not the password of an account with this email");
            browser.check("invite-existing-wrong-password");
            browser.type("#account-password", PageServer.PASSWORD);
            browser.click("#account-submit");
            browser.awaitPath("/family/manage");
            assertThat(browser.url().getQuery()).isEqualTo("tenant=" + tenantId);
            browser.awaitText("#members", "Erin Early");
        }

        server.call("POST", "/api/tenants/" + tenantId + "/invitations", ownerToken, Map.of("email", fred, "role", "MEMBER"));
        String fredLink = server.linkFor(fred, "/invite");
        try (Browser browser = Browser.open(server.base(), "members-invite-signed-in")) {
            // Signed in as someone else: the page says so and offers to log out.
            logIn(browser, erin);
            browser.awaitPath("/family/manage");
            browser.go(fredLink);
            browser.awaitText("#mismatch-text", "You are signed in as " + erin + ", but this invitation is for " + fred);
            assertThat(browser.count("#signed-in:not([hidden])")).isZero();
            browser.check("invite-other-account");
            browser.click("#switch-account");
            browser.visible("#account-form");

            logIn(browser, fred);
            browser.awaitPath("/join-or-create");
            browser.go(fredLink);
            browser.awaitText("#signed-in-text", "You are signed in as " + fred);
            browser.check("invite-signed-in");
            browser.click("#accept");
            browser.awaitPath("/family/manage");
            assertThat(browser.url().getQuery()).isEqualTo("tenant=" + tenantId);
            browser.awaitText("#members tr[data-email='" + fred + "']", "Member");
        }
    }

    // ---- managing members ------------------------------------------------------------------

    @Test
    void anOwnerChangesARoleAndRemovesAMemberAndAnAdminManagesOnlyMembers() {
        String owner = "mona@example.org";
        String tenantId = family(owner, "Mona", "Manager", "The Managers");
        String code = code(tenantId, owner);
        String bob = "bert@example.org";
        String carol = "cora@example.org";
        String dave = "dora@example.org";
        join(bob, "Bert", "Second", code);
        String carolToken = join(carol, "Cora", "Third", code);
        join(dave, "Dora", "Fourth", code);

        try (Browser browser = Browser.open(server.base(), "members-manage-owner")) {
            logIn(browser, owner);
            String bobRow = "#members tr[data-email='" + bob + "']";
            browser.visible(bobRow + " select.role-select");
            assertThat(browser.count("#members tr[data-email='" + owner + "'] select")).as("not on one's own row").isZero();

            browser.select(bobRow + " select.role-select", "ADMIN");
            assertThat(browser.text("dialog")).contains("Change the role of Bert Second?", "becomes an admin");
            browser.click("dialog button[value=cancel]");
            browser.until("the select shows the role again", b -> "MEMBER".equals(b.value(bobRow + " select.role-select")));

            browser.select(bobRow + " select.role-select", "ADMIN");
            browser.check("role-change-confirm");
            browser.click("dialog button.confirm");
            browser.awaitText("#members-notice", "Bert Second is now Admin");
            assertThat(browser.value(bobRow + " select.role-select")).isEqualTo("ADMIN");

            String carolRow = "#members tr[data-email='" + carol + "']";
            browser.click(carolRow + " button.remove");
            assertThat(browser.text("dialog")).contains("Remove Cora Third?", "The Managers");
            browser.click("dialog button.confirm");
            browser.awaitText("#members-notice", "Cora Third is no longer a member");
            browser.until("Cora's row is gone", b -> b.count(carolRow) == 0);
            browser.check("members-owner");
        }
        assertThat(roleOf(tenantId, owner, bob)).isEqualTo("ADMIN");
        assertThat(server.status("GET", "/api/tenants/" + tenantId, carolToken))
                .as("a removed member's next call on the family is refused").isEqualTo(404);

        try (Browser browser = Browser.open(server.base(), "members-manage-admin")) {
            logIn(browser, bob);
            String daveRow = "#members tr[data-email='" + dave + "']";
            browser.visible(daveRow + " button.remove");
            assertThat(browser.count("#members tr[data-email='" + owner + "'] button.remove")).as("admins manage members only")
                    .isZero();
            assertThat(browser.count("#members tr[data-email='" + owner + "'] select")).isZero();
            assertThat(browser.count(daveRow + " select")).as("an admin grants MEMBER only: nothing to choose").isZero();
            assertThat(browser.texts("#member-invite-role option:not([hidden])")).containsExactly("Member");
            assertThat(browser.count("#transfer-form:not([hidden])")).as("only owners transfer").isZero();
            browser.check("members-admin");
            browser.click(daveRow + " button.remove");
            browser.click("dialog button.confirm");
            browser.until("Dora's row is gone", b -> b.count(daveRow) == 0);
        }
    }

    @Test
    void theLastOwnerCannotLeaveUntilOwnershipIsTransferredThenLeaves() {
        String owner = "tara@example.org";
        String tenantId = family(owner, "Tara", "Transfer", "The Transfers");
        String heir = "hugo@example.org";
        join(heir, "Hugo", "Heir", code(tenantId, owner));
        String heirId = userId(heir);

        try (Browser browser = Browser.open(server.base(), "members-transfer")) {
            logIn(browser, owner);
            browser.awaitText("#family-name", "The Transfers");

            browser.click("#leave");
            assertThat(browser.text("dialog")).contains("Leave The Transfers?");
            browser.click("dialog button.confirm");
            browser.awaitText("#yours-error", "only owner");
            browser.check("last-owner");

            browser.click("#transfer-submit");
            browser.awaitText("#transfer-member-error", "required");
            browser.select("#transfer-member", heirId);
            browser.click("#transfer-submit");
            assertThat(browser.text("dialog")).contains("Make Hugo Heir the owner?", "you become an admin");
            browser.click("dialog button.confirm");
            browser.awaitText("#yours-notice", "Hugo Heir is now the owner");
            browser.awaitText("#members tr[data-email='" + heir + "']", "Owner");
            assertThat(browser.text("#members tr[data-email='" + owner + "']")).contains("Admin");
            browser.awaitHidden("#transfer-form");
            assertThat(browser.count("#members tr[data-email='" + heir + "'] button.remove")).as("an admin now").isZero();
            browser.check("transferred");

            browser.click("#leave");
            browser.click("dialog button.confirm");
            browser.awaitPath("/join-or-create"); // no other family
        }
        assertThat(roleOf(tenantId, heir, heir)).isEqualTo("OWNER");
        assertThat(server.status("GET", "/api/tenants/" + tenantId, token(owner))).isEqualTo(404);
    }

    // ---- join by link ----------------------------------------------------------------------

    @Test
    void theCodeCardSharesALinkThatJoinsSignedOutThroughSignUpAndSignedInWithOneConfirmation() {
        String owner = "lena@example.org";
        String tenantId = family(owner, "Lena", "Link", "The Linkers");
        String link;
        try (Browser browser = Browser.open(server.base(), "join-link-owner")) {
            logIn(browser, owner);
            String code = browser.text("#join-code");
            link = browser.text("#join-link");
            assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}");
            assertThat(link).isEqualTo(server.base() + "/join/" + code);
            browser.click("#copy-link");
            browser.awaitText("#code-status", "Copied the join link");
            assertThat(browser.clipboard()).isEqualTo(link);
            browser.check("code-card-link");
        }

        try (Browser newcomer = Browser.open(server.base(), "join-link-signed-out")) {
            newcomer.go(link);
            newcomer.visible("#join-signed-out");
            assertThat(newcomer.text("#join-link-code")).isEqualTo(link.substring(link.lastIndexOf('/') + 1));
            newcomer.check("join-link-signed-out");
            newcomer.click("#join-signup");
            newcomer.awaitPath("/signup");
            newcomer.type("#signup-email", "nico@example.org");
            newcomer.type("#signup-first-name", "Nico");
            newcomer.type("#signup-last-name", "Newcomer");
            newcomer.type("#signup-password", PageServer.PASSWORD);
            newcomer.type("#signup-password-confirm", PageServer.PASSWORD);
            newcomer.click("#signup-form button[type=submit]");
            newcomer.awaitPath(URI.create(link).getPath());
            newcomer.awaitText("#join-signed-in-text", "You are signed in as nico@example.org");
            newcomer.click("#join-confirm");
            newcomer.awaitPath("/family/manage");
            assertThat(newcomer.url().getQuery()).isEqualTo("tenant=" + tenantId);
            newcomer.awaitText("#members", "Nico Newcomer");
        }

        signup("lou@example.org", "Lou", "Login");
        try (Browser existing = Browser.open(server.base(), "join-link-login")) {
            existing.go(link);
            existing.click("#join-login");
            existing.awaitPath("/login");
            existing.type("#login-email", "lou@example.org");
            existing.type("#login-password", PageServer.PASSWORD);
            existing.click("#login-form button[type=submit]");
            existing.awaitPath(URI.create(link).getPath());
            existing.check("join-link-signed-in");
            existing.click("#join-confirm");
            existing.awaitPath("/family/manage");
            existing.awaitText("#members", "Lou Login");

            // Again, now a member: the same answer as typing the code (already a member: straight in).
            existing.go(link);
            existing.click("#join-confirm");
            existing.awaitPath("/family/manage");
            assertThat(existing.url().getQuery()).isEqualTo("tenant=" + tenantId);

            // A code that matches no family: said on the page, as for a typed code.
            existing.go(link.endsWith("ZZZZ-ZZZZ") ? "/join/YYYY-YYYY" : "/join/ZZZZ-ZZZZ");
            existing.click("#join-confirm");
            existing.awaitText("#join-error", "That code doesn't match any family");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static void logIn(Browser browser, String email) {
        browser.go("/login");
        browser.type("#login-email", email);
        browser.type("#login-password", PageServer.PASSWORD);
        browser.click("#login-form button[type=submit]");
    }

    /** Signs the owner up and has them create a family; the family's id. */
    private String signup(String email, String first, String last) {
        String token = server.signup(email, first, last);
        tokens.put(email, token);
        return token;
    }

    /** An API session of the user: the one from their sign-up, else a log-in. */
    private String token(String email) {
        return tokens.computeIfAbsent(email, server::login);
    }

    private String family(String email, String first, String last, String name) {
        String token = signup(email, first, last);
        return server.call("POST", "/api/tenants/", token, Map.of("name", name)).path("id").asText();
    }

    private String code(String tenantId, String member) {
        return server.call("GET", "/api/tenants/" + tenantId + "/invite-code", token(member), null)
                .path("code").asText();
    }

    /** Signs a user up and joins them with the code; their access token. */
    private String join(String email, String first, String last, String code) {
        String token = signup(email, first, last);
        server.call("POST", "/api/join", token, Map.of("code", code));
        return token;
    }

    private String userId(String email) {
        return server.call("GET", "/api/me", token(email), null).path("user").path("id").asText();
    }

    private String roleOf(String tenantId, String reader, String member) {
        JsonNode page = server.call("GET", "/api/tenants/" + tenantId + "/members?limit=200", token(reader), null);
        List<JsonNode> found = StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(m -> m.path("user").path("email").asText().equals(member)).toList();
        assertThat(found).hasSize(1);
        return found.get(0).path("role").asText();
    }
}

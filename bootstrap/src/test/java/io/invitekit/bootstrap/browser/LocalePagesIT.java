package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two languages in a real browser: a {@code de-DE} browser in Tokyo gets German pages and dates in
 * Tokyo time written the German way; the account's setting (English) overrides the browser's
 * language; a tenant invitation an admin writes in German sends a German email and opens a
 * German onboarding page in an English browser. Every state passes {@link Browser#check}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalePagesIT {
    private static final String TOKYO = "Asia/Tokyo";
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
    void aGermanBrowserInTokyoReadsGermanWithTokyoTimesUntilTheAccountChoosesEnglish() {
        String email = "hana@example.org";
        server.signup(email, "Hana", "Müller");
        server.verifyEmail(email);
        try (Browser hana = Browser.open(server.base(), "locale-de-tokyo", "de-DE", TOKYO)) {
            hana.go("/login");
            hana.awaitText("h1", "Anmelden");
            assertThat(hana.attribute("html", "lang")).isEqualTo("de");
            assertThat(hana.script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(TOKYO);
            hana.check("de-login");

            hana.type("#login-email", email);
            hana.type("#login-password", PageServer.PASSWORD);
            hana.click("#login-form button[type=submit]");
            hana.awaitPath("/join-or-create");
            hana.awaitText("#welcome", "Willkommen, Hana");
            hana.check("de-join-or-create");

            hana.go("/account");
            hana.awaitText("main h1", "Kontoeinstellungen");
            String created = hana.awaitText("#sessions tr[data-current='true'] td:nth-child(3)", ":");
            // The session began a moment ago: its time as a clock in Tokyo shows it, written the German way.
            Instant first = browserSessionStart(email);
            String tokyoTime = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of(TOKYO)).format(first);
            String utcTime = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("UTC")).format(first);
            assertThat(created).matches("\\d{1,2}\\. \\p{L}+\\.? \\d{4}, \\d{2}:\\d{2}")
                    .endsWith(tokyoTime).doesNotEndWith(utcTime);
            assertThat(hana.text("#language-locale option:checked")).isEqualTo("Wie in diesem Browser eingestellt");
            hana.check("de-account");

            // The account's choice wins over the browser's language, on this page and every other.
            hana.select("#language-locale", "en");
            hana.click("#language-form button[type=submit]");
            hana.awaitText("main h1", "Account settings");
            assertThat(hana.attribute("html", "lang")).isEqualTo("en");
            assertThat(hana.value("#language-locale")).isEqualTo("en");
            assertThat(hana.awaitText("#sessions tr[data-current='true'] td:nth-child(3)", ":")).matches("\\p{L}{3} \\d{1,2}, \\d{4}, \\d{2}:\\d{2}( [AP]M)?")
                    .contains(DateTimeFormatter.ofPattern("hh:mm").withZone(ZoneId.of(TOKYO)).format(first));
            hana.check("en-account-over-de-browser");
            assertThat(server.call("GET", "/api/me", server.login(email), null).path("locale").asText()).isEqualTo("en");
            hana.go("/join-or-create");
            hana.awaitText("#welcome", "Welcome, Hana");
            hana.check("en-join-or-create-over-de-browser");

            // Back to the browser's language.
            hana.go("/account");
            hana.awaitText("main h1", "Account settings");
            hana.select("#language-locale", "");
            hana.click("#language-form button[type=submit]");
            hana.awaitText("main h1", "Kontoeinstellungen");
            hana.check("de-account-follows-browser-again");
        }
    }

    /** When this user's one browser session began, as the API tells it. */
    private Instant browserSessionStart(String email) {
        JsonNode sessions = server.call("GET", "/api/me/sessions", server.login(email), null);
        for (JsonNode session : sessions.path("items")) {
            if (session.path("kind").asText().equals("browser")) {
                return Instant.parse(session.path("created_at").asText());
            }
        }
        throw new AssertionError("no browser session in " + sessions);
    }

    @Test
    void aTenantInvitationWrittenInGermanSendsAGermanEmailAndOpensAGermanOnboardingPage() {
        String email = "inhaberin@example.org";
        try (Browser admin = Browser.open(server.base(), "locale-admin")) {
            admin.go("/login");
            admin.type("#login-email", PageServer.ADMIN_EMAIL);
            admin.type("#login-password", PageServer.ADMIN_PASSWORD);
            admin.click("#login-form button[type=submit]");
            admin.awaitPath("/platform/invitations");
            assertThat(admin.value("#invite-locale")).as("the platform default").isEqualTo("en");
            admin.type("#invite-email", email);
            admin.type("#invite-suggested-business-name", "Bäckerei Sonne");
            admin.select("#invite-locale", "de");
            admin.check("invite-form-german");
            admin.click("#invite-form button[type=submit]");
            admin.awaitText("#invite-sent", email);
            assertThat(admin.value("#invite-locale")).as("back to the default for the next one").isEqualTo("en");
        }

        String mail = server.newestEmailTo(email);
        assertThat(mail).startsWith("Sie sind eingeladen, Ihr Unternehmen auf ")
                .contains("Guten Tag,", "Vorgeschlagener Unternehmensname: Bäckerei Sonne", "Tagen ab.");
        String link = server.invitationLinkFor(email);
        try (Browser owner = Browser.open(server.base(), "locale-onboard", "en-US", null)) {
            owner.go(link);
            owner.visible("#step-account");
            owner.awaitText("h1[data-i18n='onboard.heading']", "Unternehmen einrichten");
            assertThat(owner.attribute("html", "lang")).isEqualTo("de");
            assertThat(owner.texts("#stepper li")).containsExactly("Konto", "Unternehmen", "Fertig");
            assertThat(owner.text("#offer-email")).isEqualTo(email);
            assertThat(owner.text("#offer-expires")).matches("\\d{1,2}\\. \\p{L}+\\.? \\d{4}");
            owner.check("onboard-german-invitation-in-english-browser");
        }
    }
}

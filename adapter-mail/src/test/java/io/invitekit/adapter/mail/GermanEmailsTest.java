package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Each email in the language it carries: German here, whatever the renderer's default. */
class GermanEmailsTest {
    private static final LocaleTag DE = LocaleTag.GERMAN;
    private static final Instant AT = Instant.parse("2026-03-08T09:00:00Z");
    private final MailRenderer renderer = MailRenderer.english();

    private static TenantInvitationMail invitation(int days, Integer maxUsers, LocaleTag locale) {
        TenantInvitationMail m = Mails.invitation();
        return new TenantInvitationMail(m.to(), m.platformName(), m.inviterName(), m.tier(), maxUsers, m.maxResources(),
                m.permissions(), m.suggestedBusinessName(), m.expiresAt(), days, m.link(), "token", locale);
    }

    @Test
    void a_tenant_invitation_in_german_has_german_subject_body_and_html_language() {
        RenderedEmail email = renderer.render(invitation(7, 50, DE));

        assertThat(email.subject()).isEqualTo("Sie sind eingeladen, Ihr Unternehmen auf Acme Cloud zu erstellen");
        assertThat(email.text())
                .startsWith("Guten Tag,\n\nAda Lovelace von Acme Cloud hat Sie eingeladen, ein eigenes "
                        + "Unternehmenskonto zu erstellen.\n")
                .contains("Vorgeschlagener Unternehmensname: Bob's Bakery\n")
                .contains("Ihr Tarif: Professional\n- Bis zu 50 Teammitglieder\n- Bis zu 100 Ressourcen\n"
                        + "- Online-Zahlungen annehmen\n- Eigene Domain\n")
                .contains("Diese Einladung läuft in 7 Tagen ab.")
                .contains("Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.")
                .contains("Mit freundlichen Grüßen\nIhr Acme Cloud-Team\n")
                .doesNotContain("invit", "Hello");
        assertThat(email.html()).startsWith("<!DOCTYPE html>\n<html lang=\"de\">")
                .contains("Einladung annehmen");
    }

    @Test
    void plurals_follow_the_count_in_german() {
        assertThat(renderer.render(invitation(1, 50, DE)).text()).contains("Diese Einladung läuft in 1 Tag ab.");
        assertThat(renderer.render(invitation(2, 50, DE)).text()).contains("Diese Einladung läuft in 2 Tagen ab.");
        assertThat(renderer.render(passwordReset(1)).text()).contains("Dieser Link funktioniert einmal, 1 Minute lang.");
        assertThat(renderer.render(passwordReset(60)).text()).contains("Dieser Link funktioniert einmal, 60 Minuten lang.");
        assertThat(renderer.render(verification(1)).text()).contains("Dieser Link funktioniert einmal, 1 Stunde lang.");
        assertThat(renderer.render(verification(24)).text()).contains("Dieser Link funktioniert einmal, 24 Stunden lang.");
    }

    @Test
    void numbers_are_written_as_german_readers_write_them() {
        assertThat(renderer.render(invitation(7, 1_000_000, DE)).text()).contains("- Bis zu 1.000.000 Teammitglieder\n");
        assertThat(renderer.render(invitation(7, 1_000_000, null)).text()).contains("- Up to 1,000,000 team members\n");
    }

    @Test
    void a_member_invitation_in_german_names_the_role_in_german() {
        MemberInvitationMail mail = new MemberInvitationMail(EmailAddress.of("bea@example.com"), "Acme Cloud",
                "Ada Lovelace", "Bob's Bakery", Role.ADMIN, AT, 1, URI.create(MemberInvitationEmailRendererTest.LINK),
                "token", DE);

        RenderedEmail email = renderer.render(mail);

        assertThat(email.subject()).isEqualTo("Ada Lovelace hat Sie eingeladen, Bob's Bakery auf Acme Cloud beizutreten");
        assertThat(email.text())
                .contains("Ada Lovelace hat Sie eingeladen, Bob's Bakery auf Acme Cloud als Administrator beizutreten.")
                .contains("Diese Einladung läuft in 1 Tag ab.");
        assertThat(email.html()).contains("Bob&#39;s Bakery beitreten").contains("lang=\"de\"");
    }

    @Test
    void account_emails_in_german() {
        assertThat(renderer.render(passwordReset(60)).subject()).isEqualTo("Setzen Sie Ihr Passwort für Acme Cloud zurück");
        assertThat(renderer.render(verification(24)).subject())
                .isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für Acme Cloud");
        RenderedEmail attempt = renderer.render(new SignupAttemptMail(EmailAddress.of("ana@example.com"), "Acme Cloud",
                URI.create("https://app.example.com/login"), URI.create("https://app.example.com/forgot-password"), DE));
        assertThat(attempt.subject()).isEqualTo("Jemand wollte sich mit Ihrer E-Mail-Adresse bei Acme Cloud registrieren");
        assertThat(attempt.text()).contains("Passwort vergessen? Wählen Sie hier ein neues: https://app.example.com/forgot-password");
    }

    @Test
    void mail_without_a_language_takes_the_renderers_default() {
        assertThat(renderer.render(invitation(7, 50, null)).subject())
                .isEqualTo("You're invited to create your business on Acme Cloud");
        assertThat(new MailRenderer(Locale.GERMAN).render(invitation(7, 50, null)).subject())
                .isEqualTo("Sie sind eingeladen, Ihr Unternehmen auf Acme Cloud zu erstellen");
        assertThat(new MailRenderer(Locale.GERMAN).render(invitation(7, 50, LocaleTag.ENGLISH)).subject())
                .isEqualTo("You're invited to create your business on Acme Cloud");
    }

    private static PasswordResetMail passwordReset(int minutes) {
        return new PasswordResetMail(EmailAddress.of("ana@example.com"), "Acme Cloud", AT, minutes,
                URI.create("https://app.example.com/reset-password#token=abc"), "abc", DE);
    }

    private static EmailVerificationMail verification(int hours) {
        return new EmailVerificationMail(EmailAddress.of("ana@example.com"), "Acme Cloud", AT, hours,
                URI.create("https://app.example.com/verify-email#token=abc"), "abc", DE);
    }
}

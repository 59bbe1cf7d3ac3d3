package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The member invitation email: into an existing tenant, with a role shown in words. */
class MemberInvitationEmailRendererTest {
    static final String LINK = "https://app.example.com/invite#token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private final MailRenderer renderer = MailRenderer.english();

    static MemberInvitationMail mail(String tenant, String inviter, Role role, int days, String link) {
        return new MemberInvitationMail(EmailAddress.of("bea@example.com"), "Acme Cloud", inviter, tenant, role,
                Instant.parse("2026-03-08T09:00:00Z"), days, URI.create(link), "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde");
    }

    static MemberInvitationMail mail() {
        return mail("Bob's Bakery", "Ada Lovelace", Role.ADMIN, 7, LINK);
    }

    @Test
    void the_text_part_names_the_tenant_the_inviter_the_role_in_words_the_link_and_the_expiry() {
        RenderedEmail email = renderer.render(mail());

        assertThat(email.subject()).isEqualTo("Ada Lovelace invited you to join Bob's Bakery on Acme Cloud");
        assertThat(email.text()).isEqualTo("""
                Hello,

                Ada Lovelace has invited you to join Bob's Bakery on Acme Cloud as an admin.

                Sign in or create your account with this email address, then accept here:
                %s

                This invitation expires in 7 days.

                If you were not expecting this invitation, you can ignore this email: nobody joins Bob's Bakery unless you accept.

                Best regards,
                The Acme Cloud team
                """.formatted(LINK));
    }

    @Test
    void the_html_part_says_the_same_with_a_button_to_the_link() {
        String html = renderer.render(mail()).html();

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<title>Ada Lovelace invited you to join Bob&#39;s Bakery on Acme Cloud</title>")
                .contains("<p>Ada Lovelace has invited you to join Bob&#39;s Bakery on Acme Cloud as an admin.</p>")
                .contains("<a href=\"" + LINK + "\" style=")
                .contains(">Join Bob&#39;s Bakery</a>")
                .contains("This invitation expires in 7 days.")
                .contains("If you were not expecting this invitation, you can ignore this email");
    }

    @Test
    void each_role_that_can_be_invited_reads_as_words_and_never_as_its_code() {
        assertThat(renderer.render(mail("Bob's Bakery", "Ada", Role.MEMBER, 7, LINK)).text())
                .contains("as a member.").doesNotContain("MEMBER");
        assertThat(renderer.render(mail("Bob's Bakery", "Ada", Role.ADMIN, 7, LINK)).html())
                .contains("as an admin.").doesNotContain("ADMIN");
        assertThat(renderer.render(mail("Bob's Bakery", "Ada", Role.OWNER, 7, LINK)).text()).contains("as an owner.");
    }

    @Test
    void one_day_is_singular_and_other_numbers_plural() {
        assertThat(renderer.render(mail("Bob's Bakery", "Ada", Role.MEMBER, 1, LINK)).text())
                .contains("This invitation expires in 1 day.");
        assertThat(renderer.render(mail("Bob's Bakery", "Ada", Role.MEMBER, 30, LINK)).text())
                .contains("This invitation expires in 30 days.");
    }

    @Test
    void a_tenant_or_inviter_name_with_markup_is_escaped_in_html_and_plain_in_text() {
        String tenant = "<script>alert(\"pwned\")</script> & Co";
        RenderedEmail email = renderer.render(mail(tenant, "<b>Eve</b>", Role.MEMBER, 7, LINK));

        assertThat(email.html())
                .contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co")
                .contains("&lt;b&gt;Eve&lt;/b&gt;")
                .doesNotContain("<script>").doesNotContain("<b>Eve");
        assertThat(email.text()).contains("<b>Eve</b> has invited you to join " + tenant + " on Acme Cloud as a member.");
    }

    @Test
    void the_subject_is_one_line_and_a_line_break_in_a_body_value_starts_no_line() {
        RenderedEmail plain = renderer.render(mail());
        assertThat(plain.subject()).doesNotContain("\n").doesNotContain("\r");

        RenderedEmail email = renderer.render(mail("Bob's\r\nBakery", "Eve\nBcc: evil@example.com", Role.MEMBER, 7, LINK));
        assertThat(email.text()).contains("Eve Bcc: evil@example.com has invited you to join Bob's  Bakery on Acme Cloud")
                .doesNotContain("\nBcc:");
    }

    @Test
    void a_line_break_in_the_tenant_name_is_refused_by_the_header_check_for_good() {
        // The subject keeps its values as they are, so that the sender's header check refuses them
        // (the domain never lets such a name in; this is the second line of defence).
        assertThatThrownBy(() -> new ConsoleMailSender().send(new OutgoingMail(new OutboxMessageId(UUID.randomUUID()),
                mail("Bob's\r\nBcc: evil@example.com", "Ada", Role.MEMBER, 7, LINK))))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("Subject");
    }

    @Test
    void a_link_that_is_not_http_is_a_permanent_failure_that_does_not_repeat_the_token() {
        assertThatThrownBy(() -> renderer.render(mail("Bob's Bakery", "Ada", Role.MEMBER, 7, "javascript:alert(1)#token=secret")))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("link")
                .hasMessageNotContaining("secret");
    }

    @Test
    void a_locale_without_these_texts_reads_the_base_file() {
        // messages_fr.properties (test resources) has no member invitation texts: they fall back to English.
        RenderedEmail email = new MemberInvitationEmailRenderer(Locale.FRENCH).render(mail());

        assertThat(email.html()).startsWith("<!DOCTYPE html>\n<html lang=\"fr\">");
        assertThat(email.text()).contains("Ada Lovelace has invited you to join Bob's Bakery on Acme Cloud as an admin.");
    }
}

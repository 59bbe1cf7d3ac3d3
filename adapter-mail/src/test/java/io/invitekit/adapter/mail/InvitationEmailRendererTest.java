package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.MailDeliveryException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationEmailRendererTest {
    private final InvitationEmailRenderer english = new InvitationEmailRenderer(Locale.ENGLISH);

    @Test
    void the_subject_names_the_platform() {
        assertThat(english.render(Mails.invitation()).subject())
                .isEqualTo("You're invited to create your business on Acme Cloud");
    }

    @Test
    void the_plain_text_part_follows_the_specified_content_line_by_line() {
        assertThat(english.render(Mails.invitation()).text()).isEqualTo("""
                Hello,

                Ada Lovelace from Acme Cloud has invited you to create your own business account.

                Suggested business name: Bob's Bakery

                Your plan: Professional
                - Up to 50 team members
                - Up to 100 resources
                - Accept online payments
                - Custom domain support

                Create your business account here:
                %s

                This invitation expires in 7 days.

                If you were not expecting this invitation, you can ignore this email.

                Best regards,
                The Acme Cloud team
                """.formatted(Mails.LINK));
    }

    @Test
    void the_html_part_carries_the_same_lines_with_a_button_and_the_bare_link() {
        String html = english.render(Mails.invitation()).html();

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<meta charset=\"UTF-8\">")
                .contains("<title>You&#39;re invited to create your business on Acme Cloud</title>")
                .contains("<p>Hello,</p>")
                .contains("<p>Ada Lovelace from Acme Cloud has invited you to create your own business account.</p>")
                .contains("<p>Suggested business name: Bob&#39;s Bakery</p>")
                .contains("<p>Your plan: Professional</p>")
                .contains("<li>Up to 50 team members</li>", "<li>Up to 100 resources</li>",
                        "<li>Accept online payments</li>", "<li>Custom domain support</li>")
                .contains("<p>This invitation expires in 7 days.</p>")
                .contains("<p>Best regards,<br>\nThe Acme Cloud team</p>")
                .endsWith("</body>\n</html>\n");
        assertThat(occurrences(html, "<a href=\"" + Mails.LINK + "\"")).isEqualTo(2); // the button and the bare link
        assertThat(html).contains(">" + Mails.LINK + "</a>").contains(">Accept the invitation</a>");
    }

    @ParameterizedTest(name = "payments={0}, custom domain={1}")
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void the_two_feature_lines_appear_exactly_when_their_permission_is_granted(boolean payments, boolean customDomain) {
        RenderedEmail email = english.render(Mails.withPlan(Mails.invitation(), "PROFESSIONAL", 50, 100, payments,
                customDomain));

        assertThat(email.text().contains("- Accept online payments\n")).isEqualTo(payments);
        assertThat(email.html().contains("<li>Accept online payments</li>")).isEqualTo(payments);
        assertThat(email.text().contains("- Custom domain support\n")).isEqualTo(customDomain);
        assertThat(email.html().contains("<li>Custom domain support</li>")).isEqualTo(customDomain);
        // The limits are there either way.
        assertThat(email.text()).contains("- Up to 50 team members\n- Up to 100 resources\n");
    }

    @Test
    void absent_limits_read_as_unlimited() {
        RenderedEmail email = english.render(Mails.withPlan(Mails.invitation(), "ENTERPRISE", Mails.UNLIMITED, Mails.UNLIMITED, false, false));

        assertThat(email.text()).contains("Your plan: Enterprise\n- Unlimited team members\n- Unlimited resources\n\n")
                .doesNotContain("Up to");
        assertThat(email.html()).contains("<li>Unlimited team members</li>", "<li>Unlimited resources</li>")
                .doesNotContain("Up to");
    }

    @Test
    void each_limit_is_unlimited_on_its_own() {
        assertThat(english.render(Mails.withPlan(Mails.invitation(), "STARTER", 10, null, false, false)).text())
                .contains("- Up to 10 team members\n- Unlimited resources\n");
        assertThat(english.render(Mails.withPlan(Mails.invitation(), "STARTER", null, 25, false, false)).text())
                .contains("- Unlimited team members\n- Up to 25 resources\n");
    }

    @Test
    void large_limits_are_written_with_the_locale_s_digit_grouping() {
        assertThat(english.render(Mails.withPlan(Mails.invitation(), "FREE", 1_000_000, 2_500, false, false)).text())
                .contains("Your plan: Free\n- Up to 1,000,000 team members\n- Up to 2,500 resources\n");
    }

    @Test
    void a_tier_without_a_display_name_is_shown_by_its_code() {
        assertThat(english.render(Mails.withPlan(Mails.invitation(), "GOLD", 5, 5, false, false)).text())
                .contains("Your plan: GOLD\n");
    }

    @ParameterizedTest
    @CsvSource({"1,This invitation expires in 1 day.", "2,This invitation expires in 2 days.",
            "30,This invitation expires in 30 days."})
    void the_expiry_line_counts_the_days(int days, String line) {
        RenderedEmail email = english.render(Mails.withExpiry(Mails.invitation(), days));

        assertThat(email.text()).contains("\n" + line + "\n");
        assertThat(email.html()).contains("<p>" + line + "</p>");
    }

    @Test
    void without_a_suggested_business_name_there_is_no_such_line() {
        RenderedEmail email = english.render(Mails.with(Mails.invitation(), "Acme Cloud", "Ada Lovelace", null));

        assertThat(email.text()).doesNotContain("Suggested business name");
        assertThat(email.html()).doesNotContain("Suggested business name");
    }

    @Test
    void user_supplied_values_are_escaped_in_html_and_kept_as_typed_in_plain_text() {
        String inviter = "<script>alert(\"pwned\")</script>";
        String business = "Tom's \"Best\" <b>Bakery</b> & Co";
        RenderedEmail email = english.render(Mails.with(Mails.invitation(), "Acme <Cloud>", inviter, business));

        assertThat(email.html())
                .doesNotContain("<script", "<b>", "<Cloud>")
                .contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; from Acme &lt;Cloud&gt; has invited you")
                .contains("Suggested business name: Tom&#39;s &quot;Best&quot; &lt;b&gt;Bakery&lt;/b&gt; &amp; Co")
                .contains("<title>You&#39;re invited to create your business on Acme &lt;Cloud&gt;</title>");
        assertThat(email.text())
                .contains(inviter + " from Acme <Cloud> has invited you")
                .contains("Suggested business name: " + business + "\n");
        assertThat(email.subject()).isEqualTo("You're invited to create your business on Acme <Cloud>");
    }

    @Test
    void the_link_is_escaped_where_it_goes_into_an_href() {
        String link = "https://app.example.com/base?x=1&y='2'#token=abc";
        String html = english.render(Mails.withLink(Mails.invitation(), link)).html();

        assertThat(html).contains("<a href=\"https://app.example.com/base?x=1&amp;y=&#39;2&#39;#token=abc\"")
                .doesNotContain("x=1&y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)//#token=abc", "/tenant-onboard#token=abc", "ftp://example.com/#token=abc",
            "https://app.example.com/\"onmouseover=\"x#token=abc", "https://app.example.com/ x#token=abc",
            "https://app.example.com/\r\nBcc: a@b.c#token=abc", "mailto:someone@example.com"})
    void a_link_that_is_not_a_plain_absolute_http_url_is_refused_for_good_without_repeating_it(String link) {
        assertThatThrownBy(() -> english.render(Mails.withLink(Mails.invitation(), link)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("link")
                .hasMessageNotContaining("token=abc")
                .satisfies(e -> assertThat(((MailDeliveryException) e).permanent()).isTrue());
    }

    @Test
    void line_breaks_and_controls_in_values_cannot_start_a_new_line_of_the_body() {
        RenderedEmail email = english.render(Mails.with(Mails.invitation(), "Acme Cloud",
                "Eve\r\nBcc: evil@example.com", "Evil Corp\r\nX-Injected: 1\u202e"));

        assertThat(email.text()).contains("Eve  Bcc: evil@example.com from Acme Cloud has invited you")
                .contains("Suggested business name: Evil Corp  X-Injected: 1\n")
                .doesNotContain("\r", "\u202e");
        assertThat(email.text().lines()).noneMatch(line -> line.startsWith("Bcc:") || line.startsWith("X-Injected:"));
        assertThat(email.html()).doesNotContain("\r", "\nBcc:", "\nX-Injected:", "\u202e");
    }

    @Test
    void the_subject_keeps_the_platform_name_unchanged_so_the_header_check_can_refuse_a_line_break() {
        RenderedEmail email = english.render(Mails.with(Mails.invitation(), "Acme\r\nBcc: evil@example.com",
                "Ada Lovelace", null));

        assertThat(email.subject()).isEqualTo("You're invited to create your business on Acme\r\nBcc: evil@example.com");
        assertThat(email.text()).contains("Ada Lovelace from Acme  Bcc: evil@example.com has invited you");
    }

    @Test
    void a_second_locale_is_a_properties_file() {
        RenderedEmail email = new InvitationEmailRenderer(Locale.FRENCH).render(Mails.invitation());

        assertThat(email.subject()).isEqualTo("Vous êtes invité à créer votre entreprise sur Acme Cloud");
        assertThat(email.text())
                .startsWith("Bonjour,\n\nAda Lovelace, de Acme Cloud, vous invite à créer votre propre compte d'entreprise.\n")
                .contains("Votre formule : Professionnel\n- Jusqu'à 50 membres d'équipe\n- Jusqu'à 100 ressources\n"
                        + "- Paiements en ligne\n- Domaine personnalisé\n")
                .contains("Cette invitation expire dans 7 jours.")
                .contains("Cordialement,\nL'équipe Acme Cloud\n")
                // A key the French file leaves out falls back to the base file.
                .contains("If you were not expecting this invitation, you can ignore this email.");
        assertThat(email.html()).startsWith("<!DOCTYPE html>\n<html lang=\"fr\">")
                .contains("<li>Paiements en ligne</li>");
    }

    @Test
    void a_locale_without_a_file_reads_the_base_file_whatever_the_default_locale_is() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.FRENCH);
        try {
            assertThat(new InvitationEmailRenderer(Locale.JAPANESE).render(Mails.invitation()).subject())
                    .isEqualTo("You're invited to create your business on Acme Cloud");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void values_are_never_read_as_placeholders() {
        RenderedEmail email = english.render(Mails.with(Mails.invitation(), "{inviter}", "{platform}", "{days}"));

        assertThat(email.subject()).isEqualTo("You're invited to create your business on {inviter}");
        assertThat(email.text()).contains("{platform} from {inviter} has invited you")
                .contains("Suggested business name: {days}\n");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.domain.shared.EmailAddress;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PasswordResetEmailRendererTest {
    private static final String LINK = "https://app.example.com/reset-password#token=abc_DEF-123";
    private final MailRenderer renderer = MailRenderer.english();

    private static PasswordResetMail mail(String platform, int minutes, String link) {
        return new PasswordResetMail(EmailAddress.of("ana@example.com"), platform,
                Instant.parse("2026-03-01T10:00:00Z"), minutes, URI.create(link), "abc_DEF-123");
    }

    @Test
    void the_email_names_the_platform_the_link_and_how_long_it_works_in_both_parts() {
        RenderedEmail email = renderer.render(mail("Acme Cloud", 60, LINK));

        assertThat(email.subject()).isEqualTo("Reset your Acme Cloud password");
        assertThat(email.text()).contains("Someone asked to reset the password of your Acme Cloud account.")
                .contains("Choose a new password here:\n" + LINK)
                .contains("This link works once, for 60 minutes.")
                .contains("you can ignore this email");
        assertThat(email.html()).contains("href=\"" + LINK + "\"").contains("Reset your password")
                .contains("This link works once, for 60 minutes.");
        assertThat(renderer.render(mail("Acme Cloud", 1, LINK)).text()).contains("This link works once, for 1 minute.");
    }

    @Test
    void the_platform_name_is_escaped_in_html() {
        RenderedEmail email = renderer.render(mail("<b>Acme</b> & Co", 60, LINK));

        assertThat(email.html()).contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Co").doesNotContain("<b>Acme</b>");
    }

    @Test
    void a_link_that_is_not_http_is_a_permanent_failure_that_does_not_repeat_it() {
        assertThatThrownBy(() -> renderer.render(mail("Acme Cloud", 60, "javascript:alert(1)#token=secret")))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("link")
                .hasMessageNotContaining("secret");
    }
}

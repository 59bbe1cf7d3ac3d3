package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.domain.shared.EmailAddress;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The email verification email and the "someone tried to sign up with your address" email. */
class EmailVerificationEmailRendererTest {
    private static final String LINK = "https://app.example.com/verify-email#token=abc_DEF-123";
    private final MailRenderer renderer = MailRenderer.english();

    private static EmailVerificationMail mail(String platform, int hours, String link) {
        return new EmailVerificationMail(EmailAddress.of("ana@example.com"), platform,
                Instant.parse("2026-03-02T10:00:00Z"), hours, URI.create(link), "abc_DEF-123");
    }

    private static SignupAttemptMail attempt(String platform, String logIn) {
        return new SignupAttemptMail(EmailAddress.of("ana@example.com"), platform, URI.create(logIn),
                URI.create("https://app.example.com/forgot-password"));
    }

    @Test
    void the_verification_email_names_the_platform_the_link_and_how_long_it_works_in_both_parts() {
        RenderedEmail email = renderer.render(mail("Acme Cloud", 24, LINK));

        assertThat(email.subject()).isEqualTo("Confirm your email address for Acme Cloud");
        assertThat(email.text()).contains("An account on Acme Cloud was made with this email address.")
                .contains(LINK)
                .contains("This link works once, for 24 hours.")
                .contains("If you did not make this account, do not follow the link");
        assertThat(email.html()).contains("href=\"" + LINK + "\"").contains("Confirm your email address")
                .contains("This link works once, for 24 hours.");
        assertThat(renderer.render(mail("Acme Cloud", 1, LINK)).text()).contains("This link works once, for 1 hour.");
    }

    @Test
    void the_platform_name_is_escaped_in_html() {
        assertThat(renderer.render(mail("<b>Acme</b> & Co", 24, LINK)).html())
                .contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Co").doesNotContain("<b>Acme</b>");
        assertThat(renderer.render(attempt("<b>Acme</b> & Co", "https://app.example.com/login")).html())
                .contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Co").doesNotContain("<b>Acme</b>");
    }

    @Test
    void a_verification_link_that_is_not_http_is_a_permanent_failure_that_does_not_repeat_it() {
        assertThatThrownBy(() -> renderer.render(mail("Acme Cloud", 24, "javascript:alert(1)#token=secret")))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("link")
                .hasMessageNotContaining("secret");
    }

    @Test
    void the_signup_attempt_email_says_no_account_was_made_and_where_to_log_in_or_reset() {
        RenderedEmail email = renderer.render(attempt("Acme Cloud", "https://app.example.com/login"));

        assertThat(email.subject()).isEqualTo("Someone tried to sign up for Acme Cloud with your email address");
        assertThat(email.text()).contains("so no account was made")
                .contains("https://app.example.com/login")
                .contains("Choose a new one here: https://app.example.com/forgot-password")
                .contains("nothing changed on your account");
        assertThat(email.html()).contains("href=\"https://app.example.com/login\"");
        assertThatThrownBy(() -> renderer.render(attempt("Acme Cloud", "javascript:alert(1)")))
                .isInstanceOf(MailDeliveryException.class);
    }
}

package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.domain.shared.EmailAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    private static final EmailAddress FROM = EmailAddress.of("noreply@acme.example");

    @Test
    void defaults_are_no_login_no_starttls_and_bounded_timeouts() {
        SmtpSettings settings = SmtpSettings.of("smtp.acme.example", 587, FROM, "  Acme Cloud ");

        assertThat(settings.username()).isNull();
        assertThat(settings.startTls()).isFalse();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.fromName()).isEqualTo("Acme Cloud");
        assertThat(SmtpSettings.of("smtp.acme.example", 587, FROM, " ").fromName()).isNull();
    }

    @Test
    void the_password_never_shows_in_its_text() {
        SmtpSettings settings = SmtpSettings.of("smtp.acme.example", 587, FROM, "Acme")
                .withCredentials("mailer", "hunter2-secret").withStartTls(true);

        assertThat(settings.toString()).contains("user=mailer", "startTls=true").doesNotContain("hunter2-secret");
    }

    @Test
    void invalid_values_cannot_be_built() {
        SmtpSettings ok = SmtpSettings.of("smtp.acme.example", 587, FROM, "Acme");

        assertThatThrownBy(() -> SmtpSettings.of(" ", 25, FROM, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.of("smtp.acme.example\r\n", 25, FROM, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.of("smtp.acme.example", 0, FROM, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.of("smtp.acme.example", 65_536, FROM, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withCredentials("mailer", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withCredentials("mail\ner", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.of("smtp.acme.example", 25, EmailAddress.of("no..reply@acme.example"), null))
                .isInstanceOf(io.invitekit.domain.shared.InvalidValueException.class); // refused by the domain first
        assertThatThrownBy(() -> SmtpSettings.of("smtp.acme.example", 25, FROM, "Acme\u202e"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

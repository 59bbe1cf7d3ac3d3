package io.invitekit.adapter.mail;

import io.invitekit.application.inmemory.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.invitekit.adapter.mail.ScriptedSmtpServer.Script;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the relay is told for each kind of SMTP failure: retry later, or give up. */
class SmtpFailureClassificationTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));

    private MailDeliveryException failureAgainst(ScriptedSmtpServer server) {
        SmtpSettings settings = SmtpSettings.of("127.0.0.1", server.port(), EmailAddress.of("noreply@acme.example"), "Acme")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2));
        SmtpMailSender sender = new SmtpMailSender(settings, MailRenderer.english(), clock);
        Throwable thrown = catchThrowable(
                () -> sender.send(Mails.outgoing("owner@example.com", Mails.invitation())));
        assertThat(thrown).isInstanceOf(MailDeliveryException.class);
        assertThat(thrown.getCause()).isNull();
        return (MailDeliveryException) thrown;
    }

    @Test
    void a_recipient_refused_with_5xx_is_permanent() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting().rcpt("550 5.1.1 no such user here"))) {
            MailDeliveryException failure = failureAgainst(server);

            assertThat(failure.permanent()).isTrue();
            assertThat(failure).hasMessageContaining("refused the recipient").hasMessageContaining("550 5.1.1 no such user");
            assertThat(server.acceptedMessages()).isZero();
        }
    }

    @Test
    void a_recipient_deferred_with_4xx_is_worth_retrying() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting().rcpt("450 4.2.1 mailbox busy"))) {
            MailDeliveryException failure = failureAgainst(server);

            assertThat(failure.permanent()).isFalse();
            assertThat(failure).hasMessageContaining("deferred the recipient").hasMessageContaining("450");
        }
    }

    @Test
    void a_message_rejected_with_5xx_after_data_is_permanent() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting().data("554 5.7.1 message refused"))) {
            MailDeliveryException failure = failureAgainst(server);

            assertThat(failure.permanent()).isTrue();
            assertThat(failure).hasMessageContaining("rejected the message").hasMessageContaining("554");
        }
    }

    @Test
    void a_message_deferred_with_4xx_after_data_is_worth_retrying() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting().data("451 4.3.0 try again later"))) {
            MailDeliveryException failure = failureAgainst(server);

            assertThat(failure.permanent()).isFalse();
            assertThat(failure).hasMessageContaining("451");
        }
    }

    @Test
    void a_refused_sender_address_is_the_operator_s_to_fix_and_worth_retrying() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting().mail("553 5.7.1 sender not allowed"))) {
            MailDeliveryException failure = failureAgainst(server);

            assertThat(failure.permanent()).isFalse();
            assertThat(failure).hasMessageContaining("refused the sender address").hasMessageContaining("553");
        }
    }

    @Test
    void a_server_that_turns_us_away_at_the_greeting_is_worth_retrying() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(
                Script.accepting().greeting("421 4.3.2 too busy, come back later"))) {
            assertThat(failureAgainst(server).permanent()).isFalse();
        }
    }

    @Test
    void a_server_that_never_answers_times_out_and_is_worth_retrying() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.silent())) {
            MailDeliveryException failure = failureAgainst(server);

            assertThat(failure.permanent()).isFalse();
            assertThat(failure).hasMessageContaining("did not answer in time");
        }
    }

    @Test
    void the_scripted_server_accepts_what_it_is_told_to_accept() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting())) {
            new SmtpMailSender(SmtpSettings.of("127.0.0.1", server.port(), EmailAddress.of("noreply@acme.example"), "Acme"),
                    MailRenderer.english(), clock).send(Mails.outgoing("owner@example.com", Mails.invitation()));

            assertThat(server.acceptedMessages()).isEqualTo(1);
            assertThat(server.commands()).contains("MAIL FROM:<noreply@acme.example>", "RCPT TO:<owner@example.com>");
        }
    }
}

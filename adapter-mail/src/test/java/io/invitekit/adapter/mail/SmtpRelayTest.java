package io.invitekit.adapter.mail;

import io.invitekit.application.inmemory.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.adapter.mail.ScriptedSmtpServer.Script;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.config.RetryPolicy;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.in.DeliveryView;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real relay ({@code Invitekit.delivery().relayOnce()}) over the in-memory store, sending
 * through {@link SmtpMailSender} to a real SMTP server. Time only moves when the test moves it.
 */
class SmtpRelayTest {
    private static final long WAIT_MS = 5_000;
    private static final String OWNER = "owner@example.com";
    private static final RetryPolicy RETRY = RetryPolicy.defaults();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage();
    private GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private Invitekit kit;
    private SmtpMailSender sender;
    private Actor admin;

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    /** GreenMail started on a free port, and the application sending there. */
    private void startWithSmtpAt(String host, int port) {
        sender = new SmtpMailSender(SmtpSettings.of(host, port, EmailAddress.of("noreply@acme.example"), "Acme Cloud"),
                MailRenderer.english(), clock);
        InvitekitSettings settings = InvitekitSettings.defaults().toBuilder()
                .platformName("Acme Cloud")
                .baseUrl(URI.create("https://app.acme.example"))
                .build();
        kit = Invitekit.builder().inMemory().storage(storage).settings(settings).clock(clock).mailSender(sender).build();
        kit.accounts().createFirstPlatformAdmin("admin@acme.example", "correct horse battery staple");
        String accessToken = kit.accounts().login(LogIn.with("admin@acme.example", "correct horse battery staple")).accessToken();
        admin = kit.accounts().authenticate(accessToken).orElseThrow();
    }

    private void startWithGreenMail() {
        greenMail.start();
        startWithSmtpAt(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort());
    }

    private InvitationView invite(String email) {
        return kit.invitations().create(admin, NewTenantInvitation.to(email).businessName("Bob's Bakery")
                .grant(PlatformPermission.CAN_ACCEPT_PAYMENTS));
    }

    private DeliveryView deliveryOf(InvitationView invitation) {
        return kit.invitations().get(admin, invitation.id()).delivery();
    }

    private OutboxMessage onlyMessage() {
        List<OutboxMessage> all = storage.outbox().all();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void a_created_invitation_is_relayed_over_smtp_with_its_link_and_its_stable_message_id() throws Exception {
        startWithGreenMail();
        InvitationView invitation = invite(OWNER);
        assertThat(deliveryOf(invitation).state()).isEqualTo("QUEUED");
        String token = onlyMessage().secret();

        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly(OWNER);
        assertThat(received.getSubject()).isEqualTo("You're invited to create your business on Acme Cloud");
        assertThat(received.getHeader("Message-ID")).containsExactly(sender.messageIdFor(onlyMessage().id()));
        String link = "https://app.acme.example/tenant-onboard#token=" + token;
        assertThat(Received.partText(Received.alternatives(received).getBodyPart(0)))
                .contains("Platform Admin from Acme Cloud has invited you to create your own business account.")
                .contains("- Up to 50 team members\n- Up to 100 resources\n- Accept online payments\n\n")
                .doesNotContain("Custom domain support")
                .contains(link);
        assertThat(Received.partText(Received.alternatives(received).getBodyPart(1))).contains("href=\"" + link + "\"");
        assertThat(deliveryOf(invitation)).isEqualTo(new DeliveryView("SENT", 1, null));
        assertThat(onlyMessage().secret()).as("the token is purged once sent").isNull();
    }

    @Test
    void with_smtp_down_attempts_back_off_and_once_it_is_back_the_email_is_delivered_exactly_once() throws Exception {
        startWithGreenMail();
        int port = greenMail.getSmtp().getPort();
        String host = greenMail.getSmtp().getBindTo();
        greenMail.stop();
        InvitationView invitation = invite(OWNER);

        // Attempt 1 fails at once; the next is due 30 s later.
        Instant failedAt = clock.instant();
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 1, 0));
        DeliveryView retrying = deliveryOf(invitation);
        assertThat(retrying.state()).isEqualTo("RETRYING");
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.lastError()).contains("cannot connect to the SMTP server " + host + ":" + port);
        assertThat(onlyMessage().nextAttemptAt()).isEqualTo(failedAt.plusSeconds(30));
        assertThat(kit.delivery().relayOnce().claimed()).as("not due yet").isZero();

        // Attempt 2, exactly when due; the next is 60 s later (doubling).
        clock.advance(Duration.ofSeconds(29));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 1, 0));
        assertThat(deliveryOf(invitation).attempts()).isEqualTo(2);
        assertThat(onlyMessage().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(60));

        // Attempt 3 after 60 s; the next after 120 s.
        clock.advance(Duration.ofSeconds(59));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 1, 0));
        assertThat(deliveryOf(invitation).attempts()).isEqualTo(3);
        assertThat(onlyMessage().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(120));

        // The server comes back on the same address; nothing goes out before the backoff has passed.
        greenMail = new GreenMail(ServerSetupTest.SMTP.port(port));
        greenMail.start();
        clock.advance(Duration.ofSeconds(119));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(deliveryOf(invitation).state()).isEqualTo("SENT");
        // Later relays find nothing to do: delivered exactly once.
        clock.advance(Duration.ofDays(1));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(Received.countFor(greenMail, OWNER)).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()[0].getHeader("Message-ID"))
                .containsExactly(sender.messageIdFor(onlyMessage().id()));
    }

    @Test
    void with_smtp_down_for_good_the_email_is_dead_after_ten_capped_attempts_and_its_token_purged() {
        startWithGreenMail();
        greenMail.stop();
        InvitationView invitation = invite(OWNER);

        for (int attempt = 1; attempt <= RETRY.maxAttempts(); attempt++) {
            Instant now = clock.instant();
            RelayReport report = kit.delivery().relayOnce();
            assertThat(report.claimed()).as("attempt %d", attempt).isEqualTo(1);
            if (attempt < RETRY.maxAttempts()) {
                Duration delay = Duration.between(now, onlyMessage().nextAttemptAt());
                assertThat(delay).as("delay after attempt %d", attempt)
                        .isEqualTo(min(Duration.ofSeconds(30L << (attempt - 1)), Duration.ofHours(1)));
                assertThat(deliveryOf(invitation).state()).isEqualTo("RETRYING");
                clock.advance(delay);
            }
        }

        DeliveryView dead = deliveryOf(invitation);
        assertThat(dead.state()).isEqualTo("DEAD");
        assertThat(dead.attempts()).isEqualTo(10);
        assertThat(dead.lastError()).contains("cannot connect to the SMTP server");
        assertThat(onlyMessage().secret()).isNull();
        assertThat(storage.outbox().dead(10)).hasSize(1);
        clock.advance(Duration.ofDays(7));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
    }

    @Test
    void a_recipient_the_server_refuses_for_good_is_dead_after_one_attempt() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting().rcpt("550 5.1.1 mailbox unavailable"))) {
            startWithSmtpAt("127.0.0.1", server.port());
            InvitationView invitation = invite(OWNER);

            assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 0, 1));

            DeliveryView dead = deliveryOf(invitation);
            assertThat(dead.state()).isEqualTo("DEAD");
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.lastError()).contains("550 5.1.1 mailbox unavailable");
            assertThat(onlyMessage().secret()).isNull();
            assertThat(server.acceptedMessages()).isZero();
        }
    }

    @Test
    void a_message_claimed_by_a_relay_that_died_is_delivered_once_its_lease_expires() throws Exception {
        startWithGreenMail();
        InvitationView invitation = invite(OWNER);
        Duration lease = kit.settings().outboxLease();

        // A relay claims the message and dies before sending it.
        List<OutboxMessage> claimedByTheDead = storage.outbox().claimDue("dead-relay", clock.instant(), lease, 10);
        assertThat(claimedByTheDead).hasSize(1);

        assertThat(kit.delivery().relayOnce().claimed()).as("the lease still holds").isZero();
        clock.advance(lease.minusSeconds(1));
        assertThat(kit.delivery().relayOnce().claimed()).as("the lease still holds").isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(deliveryOf(invitation).state()).isEqualTo("QUEUED");

        clock.advance(Duration.ofSeconds(1));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(deliveryOf(invitation).state()).isEqualTo("SENT");
        // Should the dead relay wake up, its lease is gone: it cannot mark the message again.
        assertThat(storage.outbox().markSent(claimedByTheDead.get(0).id(), "dead-relay", clock.instant())).isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void with_smtp_down_across_two_resends_exactly_one_email_arrives_carrying_the_newest_token() throws Exception {
        startWithGreenMail();
        int port = greenMail.getSmtp().getPort();
        greenMail.stop();
        InvitationView invitation = invite(OWNER);
        String first = newestMessage().secret();
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 1, 0));

        clock.advance(Duration.ofMinutes(1)); // the resend cooldown
        kit.invitations().resend(admin, invitation.id());
        String second = newestMessage().secret();
        assertThat(kit.delivery().relayOnce()).as("the first email is withdrawn: only the second is tried")
                .isEqualTo(new RelayReport(1, 0, 1, 0));
        clock.advance(Duration.ofMinutes(1));
        kit.invitations().resend(admin, invitation.id());
        OutboxMessage third = newestMessage();

        // The server comes back; by now every earlier attempt would have been due again.
        greenMail = new GreenMail(ServerSetupTest.SMTP.port(port));
        greenMail.start();
        clock.advance(Duration.ofHours(2));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));
        clock.advance(Duration.ofDays(1));
        assertThat(kit.delivery().relayOnce().claimed()).isZero();

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(Received.countFor(greenMail, OWNER)).isEqualTo(1);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getHeader("Message-ID")).containsExactly(sender.messageIdFor(third.id()));
        String text = Received.partText(Received.alternatives(received).getBodyPart(0));
        assertThat(text).contains("https://app.acme.example/tenant-onboard#token=" + third.secret())
                .doesNotContain(first).doesNotContain(second);
        // The link works; the older ones are dead.
        assertThat(kit.acceptance().preview(third.secret()).status()).isEqualTo(InvitationStatus.PENDING);
        for (String dead : List.of(first, second)) {
            assertThatThrownBy(() -> kit.acceptance().preview(dead)).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(deliveryOf(invitation).state()).isEqualTo("SENT");
        assertThat(storage.outbox().all()).extracting(OutboxMessage::status).containsExactly(
                OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.SENT);
        assertThat(storage.outbox().all()).allSatisfy(m -> assertThat(m.secret()).as("no token kept").isNull());
    }

    private OutboxMessage newestMessage() {
        List<OutboxMessage> all = storage.outbox().all();
        return all.get(all.size() - 1);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Once a resend (or a cancel) commits, no email carrying the old token starts on its way: the
 * unsent ones are withdrawn in the same transaction. A send already in flight may finish, but
 * cannot bring its withdrawn message back.
 */
class ResendSupersedesTest {
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();

    @Test
    void withTheMailServerDownAcrossTwoResendsOnlyTheNewestEmailIsEverSent() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        String first = t.tokenOf(inv);
        t.mail.setDown(true);
        assertThat(t.kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 1, 0));

        t.clock.advance(Duration.ofMinutes(1));
        String second = t.tokenOf(t.kit.invitations().resend(admin, inv.id()));
        assertThat(t.kit.delivery().relayOnce()).as("only the second email is tried").isEqualTo(new RelayReport(1, 0, 1, 0));
        t.clock.advance(Duration.ofMinutes(1));
        InvitationView resent = t.kit.invitations().resend(admin, inv.id());
        String third = t.tokenOf(resent);
        assertThat(resent.delivery().state()).isEqualTo("QUEUED");

        t.mail.setDown(false);
        t.clock.advance(Duration.ofHours(2)); // every earlier retry would be due by now
        assertThat(t.kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));
        t.clock.advance(Duration.ofDays(1));
        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();

        assertThat(t.mail.sent()).singleElement().satisfies(mail -> assertThat(TestKit.linkOf(mail))
                .isEqualTo("https://app.acme.test/tenant-onboard#token=" + third));
        assertThat(t.kit.acceptance().preview(third).status()).isEqualTo(InvitationStatus.PENDING);
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview(first));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.acceptance().preview(second));
        assertThat(t.storage.outbox().all()).extracting(OutboxMessage::status).containsExactly(
                OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.SENT);
        assertThat(t.storage.outbox().all()).allSatisfy(m -> assertThat(m.secret()).isNull());
        assertThat(t.kit.invitations().get(admin, inv.id()).delivery().state()).isEqualTo("SENT");
        assertThat(t.storage.auditLog().events()).filteredOn(e -> e.action().equals("tenant_invitation.resent"))
                .extracting(AuditEvent::details).allSatisfy(d -> assertThat(d).containsEntry("withdrawn_emails", "1"));
    }

    @Test
    void aResendAfterTheEmailWentOutWithdrawsNothingAndSendsTheNewOne() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        t.kit.delivery().relayOnce();
        t.clock.advance(Duration.ofMinutes(1));

        String newest = t.tokenOf(t.kit.invitations().resend(admin, inv.id()));
        t.kit.delivery().relayOnce();

        assertThat(t.mail.sent()).hasSize(2);
        assertThat(TestKit.linkOf(t.mail.sent().get(1))).endsWith("#token=" + newest);
        assertThat(t.storage.outbox().all()).extracting(OutboxMessage::status)
                .containsExactly(OutboxMessage.Status.SENT, OutboxMessage.Status.SENT);
    }

    @Test
    void cancellingWithdrawsTheUnsentEmailSoItsDeadLinkIsNeverSent() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        t.mail.setDown(true);
        t.kit.delivery().relayOnce();

        InvitationView cancelled = t.kit.invitations().cancel(admin, inv.id());

        assertThat(cancelled.delivery().state()).isEqualTo("WITHDRAWN");
        assertThat(cancelled.delivery().attempts()).isEqualTo(1);
        assertThat(t.storage.outbox().backlog()).isZero();
        t.mail.setDown(false);
        t.clock.advance(Duration.ofDays(1));
        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();
        assertThat(t.mail.sent()).isEmpty();
        assertThat(t.storage.outbox().all()).singleElement().satisfies(m -> assertThat(m.secret()).isNull());
    }

    @Test
    void cancellingAfterTheEmailWentOutLeavesItsDeliverySent() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        t.kit.delivery().relayOnce();

        assertThat(t.kit.invitations().cancel(admin, inv.id()).delivery().state()).isEqualTo("SENT");
    }

    @Test
    void aSendInFlightWhenTheResendCommitsMayFinishButIsNeverTriedAgain() {
        InFlight sender = new InFlight();
        TestKit kit = new TestKit(s -> s, (builder, storage) -> builder.mailSender(sender));
        Actor root = kit.admin();
        InvitationView inv = kit.invite(root, "owner@example.org");
        kit.clock.advance(Duration.ofMinutes(1));
        // While the relay is sending the first email, the admin resends; then the send fails.
        sender.duringNextSend = mail -> {
            kit.kit.invitations().resend(root, inv.id());
            throw new MailDeliveryException("421 try later (simulated)", false, null);
        };

        assertThat(kit.kit.delivery().relayOnce().claimed()).isEqualTo(1);

        String newest = kit.tokenOf(kit.kit.invitations().get(root, inv.id()));
        assertThat(kit.storage.outbox().all().get(0).status()).as("the failure did not bring it back")
                .isEqualTo(OutboxMessage.Status.WITHDRAWN);
        kit.clock.advance(Duration.ofHours(2));
        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));
        kit.clock.advance(Duration.ofDays(1));
        assertThat(kit.kit.delivery().relayOnce().claimed()).isZero();
        assertThat(sender.delivered).singleElement()
                .satisfies(mail -> assertThat(TestKit.linkOf(mail)).endsWith("#token=" + newest));
    }

    @Test
    void aSendInFlightThatSucceedsStaysWithdrawnAndTheNewEmailStillGoesOut() {
        InFlight sender = new InFlight();
        TestKit kit = new TestKit(s -> s, (builder, storage) -> builder.mailSender(sender));
        Actor root = kit.admin();
        InvitationView inv = kit.invite(root, "owner@example.org");
        kit.clock.advance(Duration.ofMinutes(1));
        sender.duringNextSend = mail -> {
            kit.kit.invitations().resend(root, inv.id());
            sender.delivered.add(mail); // the old email did get out: its link is dead, the new one follows
        };

        kit.kit.delivery().relayOnce();
        assertThat(kit.storage.outbox().all().get(0).status()).isEqualTo(OutboxMessage.Status.WITHDRAWN);
        String newest = kit.tokenOf(kit.kit.invitations().get(root, inv.id()));
        kit.kit.delivery().relayOnce();

        assertThat(sender.delivered).hasSize(2);
        assertThat(TestKit.linkOf(sender.delivered.get(1))).endsWith("#token=" + newest);
        assertThat(kit.kit.invitations().get(root, inv.id()).delivery().state()).isEqualTo("SENT");
        kit.clock.advance(Duration.ofDays(1));
        assertThat(kit.kit.delivery().relayOnce().claimed()).isZero();
    }

    @Test
    void anEmailClaimedWithTheBatchButWithdrawnBeforeItsTurnIsNotSent() {
        InFlight sender = new InFlight();
        TestKit kit = new TestKit(s -> s, (builder, storage) -> builder.mailSender(sender));
        Actor root = kit.admin();
        InvitationView sentFirst = kit.invite(root, "first@example.org");
        InvitationView resentMeanwhile = kit.invite(root, "second@example.org");
        String oldToken = kit.tokenOf(resentMeanwhile);
        kit.clock.advance(Duration.ofMinutes(1));
        // Both emails are claimed in one batch; while the first is being sent, the second
        // invitation is resent, so the second email in the batch now carries a dead link.
        sender.duringNextSend = mail -> {
            kit.kit.invitations().resend(root, resentMeanwhile.id());
            sender.delivered.add(mail);
        };

        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(2, 1, 0, 0));
        String newToken = kit.tokenOf(kit.kit.invitations().get(root, resentMeanwhile.id()));
        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(sender.delivered).extracting(mail -> mail.to().value())
                .containsExactly("first@example.org", "second@example.org");
        assertThat(TestKit.linkOf(sender.delivered.get(1))).endsWith("#token=" + newToken).doesNotContain(oldToken);
        assertThat(kit.kit.invitations().get(root, sentFirst.id()).delivery().state()).isEqualTo("SENT");
    }

    /** A mail sender that can do something while a send is under way. */
    private static final class InFlight implements MailSender {
        final List<OutgoingMail> delivered = new CopyOnWriteArrayList<>();
        volatile Consumer<OutgoingMail> duringNextSend;

        @Override
        public void send(OutgoingMail mail) {
            Consumer<OutgoingMail> hook = duringNextSend;
            duringNextSend = null;
            if (hook != null) {
                hook.accept(mail);
                return;
            }
            delivered.add(mail);
        }
    }

    @Test
    void anAcceptWithdrawsTheInvitationsUnsentEmailInItsTransaction() {
        InvitationView inv = t.invite(admin, "quick@example.org");
        String token = t.tokenOf(inv); // the owner got the link some other way before the relay ran

        t.accept(token, "quick");

        assertThat(t.kit.delivery().relayOnce().claimed()).as("nothing left to send").isZero();
        assertThat(t.mail.sent()).isEmpty();
        assertThat(t.storage.outbox().all()).extracting(OutboxMessage::status)
                .containsExactly(OutboxMessage.Status.WITHDRAWN);
    }
}

package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.CurrentRequest;
import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventListener;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Transactions;
import io.invitekit.domain.invitation.InvitationId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The outbox relay and the expiry sweeper, one step per call. */
public final class DeliveryService implements DeliveryUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final int MAX_ERROR_LENGTH = 500;
    /** How many dispatch rounds an event listeners keep throwing on is tried in before it is given up on. */
    static final int MAX_DISPATCH_ATTEMPTS = 10;

    private final ServiceContext context;
    private final Outbox outbox;
    private final MailSender sender;
    private final TenantInvitations invitations;
    private final MemberInvitations memberInvitations;
    private final Transactions transactions;
    private final List<EventListener> listeners;
    private final EventFanOut fanOut;
    private final WebhookService webhooks; // null: no webhooks (nothing to deliver)
    private final String claimer = "relay-" + UUID.randomUUID();
    private final String dispatcher = "events-" + UUID.randomUUID();

    public DeliveryService(ServiceContext context, Transactions transactions, Outbox outbox, MailSender sender,
                           TenantInvitations invitations, MemberInvitations memberInvitations,
                           List<EventListener> listeners) {
        this(context, transactions, outbox, sender, invitations, memberInvitations, listeners, EventFanOut.NONE, null);
    }

    /** With {@code fanOut}: what each dispatched batch is handed to, in the transaction that records it dispatched. */
    public DeliveryService(ServiceContext context, Transactions transactions, Outbox outbox, MailSender sender,
                           TenantInvitations invitations, MemberInvitations memberInvitations,
                           List<EventListener> listeners, EventFanOut fanOut) {
        this(context, transactions, outbox, sender, invitations, memberInvitations, listeners, fanOut, null);
    }

    /**
     * With {@code fanOut}: what each dispatched batch is handed to, in the transaction that records
     * it dispatched; with {@code webhooks} (null: none): who sends the deliveries that fan-out made.
     */
    public DeliveryService(ServiceContext context, Transactions transactions, Outbox outbox, MailSender sender,
                           TenantInvitations invitations, MemberInvitations memberInvitations,
                           List<EventListener> listeners, EventFanOut fanOut, WebhookService webhooks) {
        this.memberInvitations = memberInvitations;
        this.webhooks = webhooks;
        this.context = context;
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.outbox = outbox;
        this.sender = sender;
        this.invitations = invitations;
        this.listeners = List.copyOf(listeners);
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        // Names this node's relay, so that the leases it leaves in the outbox table can be traced to it.
        LOG.info("outbox relay {} leases the emails it claims for {}", claimer, context.settings().outboxLease());
    }

    @Override
    public RelayReport relayOnce() {
        InvitekitSettings settings = context.settings();
        Instant claimedAt = context.now();
        List<OutboxMessage> claimed = outbox.claimDue(claimer, claimedAt, settings.outboxLease(), settings.outboxBatchSize());
        if (claimed.isEmpty()) {
            return new RelayReport(0, 0, 0, 0);
        }
        // Past half the lease, stop: another relay may take the rest once the lease runs out, and a
        // message must not be sent by two relays because one of them was slow.
        Instant stopSendingAt = claimedAt.plus(settings.outboxLease().dividedBy(2));
        int sent = 0;
        int retrying = 0;
        int dead = 0;
        int skipped = 0;
        // One batch per round: a sender that can, sends the round's messages over one connection.
        MailBatch batch = sender.batch();
        try {
            for (OutboxMessage message : claimed) {
                // Its log lines carry the id of the request that queued it, as that request's did.
                putRequestId(message.requestId());
                try {
                    if (context.now().isAfter(stopSendingAt)) {
                        LOG.info("relay {} leaves {} claimed emails for the next round: half its lease is gone",
                                claimer, claimed.size() - sent - retrying - dead - skipped);
                        break;
                    }
                    // Claimed with the batch, maybe a while ago: a resend or cancel since then has
                    // withdrawn it, and its link no longer works.
                    if (!outbox.isHeld(message.id(), claimer)) {
                        LOG.info("email {} ({}) is not sent: it was withdrawn, or its lease passed on, after the claim",
                                message.id(), message.kind());
                        skipped++;
                        continue;
                    }
                    DeliveryResult result = send(batch, message);
                    if (result instanceof DeliveryResult.Delivered) {
                        if (recordSent(message)) {
                            LOG.info("email {} ({}) sent", message.id(), message.kind());
                        } else {
                            LOG.warn("email {} was sent, but is no longer this relay's: its lease passed to another relay, "
                                    + "or a resend or cancel withdrew it meanwhile", message.id());
                        }
                        sent++;
                    } else {
                        boolean triedAgain = result instanceof DeliveryResult.RetryLater retry
                                ? recordFailure(message, retry.reason(), false)
                                : recordFailure(message, ((DeliveryResult.Refused) result).reason(), true);
                        if (triedAgain) {
                            retrying++;
                        } else {
                            dead++;
                        }
                    }
                } finally {
                    MDC.remove(CurrentRequest.MDC_KEY);
                }
            }
        } finally {
            close(batch);
        }
        return new RelayReport(claimed.size(), sent, retrying, dead);
    }

    private static void putRequestId(String requestId) {
        if (requestId != null) {
            MDC.put(CurrentRequest.MDC_KEY, requestId);
        } else {
            MDC.remove(CurrentRequest.MDC_KEY);
        }
    }

    /** Every outcome is recorded by now: a batch that fails to close changes none of them. */
    private void close(MailBatch batch) {
        try {
            batch.close();
        } catch (RuntimeException bug) {
            LOG.warn("relay {} could not close its mail batch: {}", claimer, bug.toString());
        }
    }

    private DeliveryResult send(MailBatch batch, OutboxMessage message) {
        try {
            DeliveryResult result = batch.send(outgoing(message));
            return result != null ? result : new DeliveryResult.RetryLater("the mail sender gave no result");
        } catch (MailDeliveryException failure) { // the email could not be built, or a batch threw it
            return DeliveryResult.of(failure);
        } catch (RuntimeException bug) {
            // A sender must translate its failures; one that does not still must not stop the relay.
            return new DeliveryResult.RetryLater(bug.getClass().getSimpleName() + ": " + bug.getMessage());
        }
    }

    /**
     * Records the email sent, and for a tenant invitation's its {@code tenant_invitation.sent}
     * event, in one transaction: the event exists exactly when the email is recorded sent by this
     * relay (a relay that lost its lease records neither; the one that holds it does).
     */
    private boolean recordSent(OutboxMessage message) {
        Instant now = context.now();
        return transactions.inTransaction(() -> {
            if (!outbox.markSent(message.id(), claimer, now)) {
                return false;
            }
            if (TenantInvitationMail.KIND.equals(message.kind())) {
                context.audit(now, null, EventType.TENANT_INVITATION_SENT, null, message.aggregateId(),
                        Map.of("email", message.recipient().value(), "attempt", Integer.toString(message.attempts() + 1)));
            }
            return true;
        });
    }

    /** @return true when the message will be tried again, false when it is now DEAD */
    private boolean recordFailure(OutboxMessage message, String error, boolean permanent) {
        int attempts = message.attempts() + 1;
        Instant now = context.now();
        Instant next = permanent ? null : context.settings().mailRetry().nextAttempt(attempts, now);
        String shortError = error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (!outbox.markFailed(message.id(), claimer, attempts, shortError, next)) {
            LOG.warn("email {} failed, but is no longer this relay's (lease passed on, or withdrawn)", message.id());
        }
        if (next == null) {
            LOG.warn("email {} ({}) is dead after {} attempts: {}", message.id(), message.kind(), attempts, shortError);
        } else {
            LOG.info("email {} ({}) failed, attempt {}, next at {}: {}", message.id(), message.kind(), attempts, next, shortError);
        }
        return next != null;
    }

    /** The typed email with its link, built now from the secret kept apart (and never stored with the email). */
    private OutgoingMail outgoing(OutboxMessage message) {
        Mail mail = message.mail().accept(new QueuedMail.Visitor<Mail>() {
            @Override
            public Mail tenantInvitation(TenantInvitationMail.Queued queued) {
                return queued.withLink(secretLink(message, context.settings()::invitationLink), message.secret());
            }

            @Override
            public Mail passwordReset(PasswordResetMail.Queued queued) {
                return queued.withLink(secretLink(message, context.settings()::passwordResetLink), message.secret());
            }

            @Override
            public Mail emailVerification(EmailVerificationMail.Queued queued) {
                return queued.withLink(secretLink(message, context.settings()::emailVerificationLink),
                        message.secret());
            }

            @Override
            public Mail signupAttempt(SignupAttemptMail.Queued queued) {
                return queued.withLinks(Mail.link(context.settings().logInLink()),
                        Mail.link(context.settings().forgotPasswordLink()));
            }

            @Override
            public Mail memberInvitation(io.invitekit.application.port.out.MemberInvitationMail.Queued queued) {
                return queued.withLink(secretLink(message, context.settings()::memberInvitationLink), message.secret());
            }

            @Override
            public Mail unreadable(QueuedMail.Unreadable unreadable) {
                throw new MailDeliveryException("the email cannot be rendered: " + unreadable.problem(), true, null);
            }
        });
        return new OutgoingMail(message.id(), mail);
    }

    private static URI secretLink(OutboxMessage message, UnaryOperator<String> linkTemplate) {
        if (message.secret() == null) {
            throw new MailDeliveryException("the token is gone; the email cannot be built", true, null);
        }
        return Mail.link(linkTemplate.apply(message.secret()));
    }

    @Override
    public int sweepExpiredOnce() {
        Instant now = context.now();
        int batch = context.settings().sweepBatchSize();
        // One transaction per kind, each with one event per invitation it expired (at most a batch).
        int expired = transactions.inTransaction(() -> {
            List<InvitationId> done = invitations.expireDue(now, batch);
            done.forEach(id -> context.audit(now, null, EventType.TENANT_INVITATION_EXPIRED, null, id, Map.of()));
            return done.size();
        });
        // Member invitations too: an expired one holds a seat of its tenant until it is written EXPIRED.
        return expired + transactions.inTransaction(() -> {
            List<MemberInvitations.Expired> done = memberInvitations.expireDue(now, batch);
            done.forEach(inv -> context.audit(now, null, EventType.MEMBER_INVITATION_EXPIRED, inv.tenant(), inv.id(),
                    Map.of()));
            return done.size();
        });
    }

    /**
     * One round of the event dispatcher: claims a batch of committed, not yet dispatched entries
     * of the event log (a lease, committed at once), hands each to every listener outside any
     * transaction, then in one transaction hands those that went through to the fan-out (webhooks)
     * and records them dispatched. An event a listener threw on stays undispatched: its lease
     * runs out and a later round (on any node) brings it again, to every listener, until
     * {@link #MAX_DISPATCH_ATTEMPTS} rounds have tried it; then it is logged and given up on. An
     * event of a type this release does not know (a newer node wrote it) skips the listeners and
     * is recorded dispatched.
     *
     * @return how many events were recorded dispatched
     */
    @Override
    public int dispatchEventsOnce() {
        InvitekitSettings settings = context.settings();
        Instant claimedAt = context.now();
        List<AuditLog.Claimed> claimed = context.auditLog().claimUndispatched(dispatcher, claimedAt,
                settings.outboxLease(), settings.outboxBatchSize());
        if (claimed.isEmpty()) {
            return 0;
        }
        // As the relay: past half the lease, stop, so that another node taking the rest after the
        // lease does not hand the same events to listeners while this one still does.
        Instant stopAt = claimedAt.plus(settings.outboxLease().dividedBy(2));
        List<Event> through = new ArrayList<>(claimed.size());
        List<UUID> done = new ArrayList<>(claimed.size());
        for (AuditLog.Claimed entry : claimed) {
            if (context.now().isAfter(stopAt)) {
                LOG.info("event dispatcher {} leaves {} claimed events for a later round: half its lease is gone",
                        dispatcher, claimed.size() - done.size());
                break;
            }
            AuditEvent stored = entry.event();
            Optional<Event> known = stored.toEvent();
            if (known.isEmpty()) {
                LOG.info("event {} has a type this release does not know ({}); recorded dispatched without listeners",
                        stored.id(), stored.action());
                done.add(stored.id());
                continue;
            }
            Event event = known.get();
            if (handToListeners(event) || entry.attempts() >= MAX_DISPATCH_ATTEMPTS) {
                if (entry.attempts() >= MAX_DISPATCH_ATTEMPTS) {
                    LOG.warn("event {} ({}) is given up on by the listeners after {} rounds; webhooks still get it",
                            event.id(), event.type().wireName(), entry.attempts());
                }
                through.add(event);
                done.add(event.id());
            }
        }
        if (!done.isEmpty()) {
            Instant now = context.now();
            transactions.inTransaction(() -> {
                fanOut.fanOut(through);
                context.auditLog().markDispatched(done, now);
                return null;
            });
        }
        return done.size();
    }

    /** @return whether every listener took it without throwing */
    private boolean handToListeners(Event event) {
        boolean all = true;
        for (EventListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException failure) {
                all = false;
                LOG.warn("event listener {} threw on event {} ({}); the event comes again in a later round: {}",
                        listener.getClass().getName(), event.id(), event.type().wireName(), failure.toString());
            }
        }
        return all;
    }

    @Override
    public WebhookReport deliverWebhooksOnce() {
        return webhooks == null ? new WebhookReport(0, 0, 0, 0) : webhooks.deliverOnce();
    }
}

package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.CurrentRequest;
import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.BusinessMetrics;
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
import io.invitekit.application.port.out.OutboxMessageId;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    /** Rounds (each a lease long) an event of an unknown type waits for a node that knows it. */
    static final int UNKNOWN_TYPE_ROUNDS = 100;
    /**
     * How long an email the mail server has taken may wait, from the start of its send, before
     * the relay records it SENT (together with those taken since): the most a node killed
     * mid-round sends twice is what it handed over in this time (or one per thread, when a send
     * takes longer).
     */
    static final Duration RECORD_SENT_WITHIN = Duration.ofMillis(50);

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
    DeliveryService(ServiceContext context, Transactions transactions, Outbox outbox, MailSender sender,
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
        // Handed over but not recorded yet: recorded SENT together, in one transaction.
        Unrecorded unrecorded = new Unrecorded();
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
                    Instant sendStarted = context.now();
                    DeliveryResult result = send(batch, message);
                    if (result instanceof DeliveryResult.Delivered) {
                        unrecorded.add(message, sendStarted);
                        sent++;
                        if (!context.now().isBefore(unrecorded.oldestSendStarted().plus(RECORD_SENT_WITHIN))) {
                            recordSent(unrecorded.takeAll());
                        }
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
            try {
                if (!unrecorded.isEmpty()) {
                    recordSent(unrecorded.takeAll());
                }
            } finally {
                close(batch);
            }
        }
        return new RelayReport(claimed.size(), sent, retrying, dead);
    }

    /**
     * The messages of a round the mail server has taken but the outbox does not say SENT yet.
     * Recording them together costs one transaction for many; the price is that a node killed
     * in between sends them again (after its lease), so they wait at most
     * {@link #RECORD_SENT_WITHIN} from the start of the oldest one's send: with a fast mail
     * server that is a whole batch, with a slow one (a send that takes longer) each is recorded
     * right after its send, as many as if recorded one by one.
     */
    private static final class Unrecorded {
        private final List<OutboxMessage> messages = new ArrayList<>();
        private Instant oldestSendStarted;

        void add(OutboxMessage message, Instant sendStarted) {
            if (messages.isEmpty()) {
                oldestSendStarted = sendStarted;
            }
            messages.add(message);
        }

        Instant oldestSendStarted() {
            return oldestSendStarted;
        }

        boolean isEmpty() {
            return messages.isEmpty();
        }

        List<OutboxMessage> takeAll() {
            List<OutboxMessage> all = List.copyOf(messages);
            messages.clear();
            oldestSendStarted = null;
            return all;
        }
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
     * Records the emails sent, and for each tenant invitation's its {@code tenant_invitation.sent}
     * event, in one transaction: an event exists exactly when its email is recorded sent by this
     * relay (a relay that lost its lease, or whose message was withdrawn meanwhile, records
     * neither; the one that holds it does). A failure to record (the database is gone) is logged,
     * and those emails are sent again once their lease has passed.
     */
    private void recordSent(List<OutboxMessage> messages) {
        Instant now = context.now();
        Set<OutboxMessageId> recorded;
        try {
            recorded = transactions.inTransaction(() -> {
                Set<OutboxMessageId> marked = outbox.markSent(messages.stream().map(OutboxMessage::id).toList(), claimer, now);
                for (OutboxMessage message : messages) {
                    if (marked.contains(message.id()) && TenantInvitationMail.KIND.equals(message.kind())) {
                        context.audit(now, null, EventType.TENANT_INVITATION_SENT, null, message.aggregateId(),
                                Map.of("email", message.recipient().value(),
                                        "attempt", Integer.toString(message.attempts() + 1)));
                    }
                }
                return marked;
            });
        } catch (RuntimeException failed) {
            LOG.warn("relay {} sent {} emails but could not record them sent; they go again after their lease: {}",
                    claimer, messages.size(), failed.toString());
            throw failed;
        }
        for (OutboxMessage message : messages) {
            putRequestId(message.requestId());
            try {
                if (recorded.contains(message.id())) {
                    countSafely(() -> context.metrics().email(message.kind(), "sent"));
                    LOG.info("email {} ({}) sent", message.id(), message.kind());
                } else {
                    LOG.warn("email {} was sent, but is no longer this relay's: its lease passed to another relay, "
                            + "or a resend or cancel withdrew it meanwhile", message.id());
                }
            } finally {
                MDC.remove(CurrentRequest.MDC_KEY);
            }
        }
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
        } else {
            countSafely(() -> context.metrics().email(message.kind(), next == null ? "dead" : "retrying"));
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
                // Written by a newer release (a rolling upgrade): left for a node that knows it, whose
                // webhooks and listeners should get it; given up on only when no such node came for long.
                if (entry.attempts() >= UNKNOWN_TYPE_ROUNDS) {
                    LOG.warn("event {} has a type no node dispatching it knew ({}) in {} rounds; recorded dispatched",
                            stored.id(), stored.action(), entry.attempts());
                    done.add(stored.id());
                } else {
                    LOG.debug("event {} has a type this release does not know ({}): left for a newer node",
                            stored.id(), stored.action());
                }
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
            through.forEach(this::count); // committed: each event is recorded dispatched once
        }
        return done.size();
    }

    /**
     * Counts the invitation an event tells of. Counted here, when the event is recorded
     * dispatched, rather than where the change is made: the event exists exactly when the change
     * committed, every change that makes one is counted by this one place, and the transaction
     * that records it dispatched commits once per event (its claim's lease keeps other nodes off).
     */
    private void count(Event event) {
        String kind;
        String outcome;
        switch (event.type()) {
            case TENANT_INVITATION_CREATED -> { kind = BusinessMetrics.TENANT; outcome = "created"; }
            case TENANT_INVITATION_ACCEPTED -> { kind = BusinessMetrics.TENANT; outcome = "accepted"; }
            case TENANT_INVITATION_EXPIRED -> { kind = BusinessMetrics.TENANT; outcome = "expired"; }
            case TENANT_INVITATION_CANCELLED -> { kind = BusinessMetrics.TENANT; outcome = "cancelled"; }
            case MEMBER_INVITATION_CREATED -> { kind = BusinessMetrics.MEMBER; outcome = "created"; }
            case MEMBER_INVITATION_ACCEPTED -> { kind = BusinessMetrics.MEMBER; outcome = "accepted"; }
            case MEMBER_INVITATION_EXPIRED -> { kind = BusinessMetrics.MEMBER; outcome = "expired"; }
            case MEMBER_INVITATION_REVOKED -> { kind = BusinessMetrics.MEMBER; outcome = "cancelled"; }
            default -> { return; }
        }
        countSafely(() -> context.metrics().invitation(kind, outcome));
    }

    /** A metrics adapter that throws must not undo or repeat what was recorded. */
    static void countSafely(Runnable count) {
        try {
            count.run();
        } catch (RuntimeException bug) {
            LOG.warn("business metrics threw: {}", bug.toString());
        }
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

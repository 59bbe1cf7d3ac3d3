package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.TenantInvitations;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outbox relay and the expiry sweeper, one step per call. */
public final class DeliveryService implements DeliveryUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final ServiceContext context;
    private final Outbox outbox;
    private final MailSender sender;
    private final TenantInvitations invitations;
    private final String claimer = "relay-" + UUID.randomUUID();

    public DeliveryService(ServiceContext context, Outbox outbox, MailSender sender, TenantInvitations invitations) {
        this.context = context;
        this.outbox = outbox;
        this.sender = sender;
        this.invitations = invitations;
    }

    @Override
    public RelayReport relayOnce() {
        InvitekitSettings settings = context.settings();
        List<OutboxMessage> claimed = outbox.claimDue(claimer, context.now(), settings.outboxLease(), settings.outboxBatchSize());
        int sent = 0;
        int retrying = 0;
        int dead = 0;
        for (OutboxMessage message : claimed) {
            try {
                sender.send(outgoing(message));
                outbox.markSent(message.id(), claimer, context.now());
                sent++;
            } catch (MailDeliveryException failure) {
                if (recordFailure(message, failure.getMessage(), failure.permanent())) {
                    retrying++;
                } else {
                    dead++;
                }
            } catch (RuntimeException bug) {
                // A sender must translate its failures; one that does not still must not stop the relay.
                if (recordFailure(message, bug.getClass().getSimpleName() + ": " + bug.getMessage(), false)) {
                    retrying++;
                } else {
                    dead++;
                }
            }
        }
        return new RelayReport(claimed.size(), sent, retrying, dead);
    }

    /** @return true when the message will be tried again, false when it is now DEAD */
    private boolean recordFailure(OutboxMessage message, String error, boolean permanent) {
        int attempts = message.attempts() + 1;
        Instant now = context.now();
        Instant next = permanent ? null : context.settings().mailRetry().nextAttempt(attempts, now);
        String shortError = error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        outbox.markFailed(message.id(), claimer, attempts, shortError, next);
        if (next == null) {
            LOG.warn("email {} ({}) is dead after {} attempts: {}", message.id(), message.kind(), attempts, shortError);
        } else {
            LOG.info("email {} ({}) failed, attempt {}, next at {}: {}", message.id(), message.kind(), attempts, next, shortError);
        }
        return next != null;
    }

    private OutgoingMail outgoing(OutboxMessage message) {
        Map<String, String> data = new HashMap<>(message.data());
        if (TenantInvitationMail.KIND.equals(message.kind())) {
            if (message.secret() == null) {
                throw new MailDeliveryException("the invitation token is gone; the email cannot be built", true, null);
            }
            data.put("link", context.settings().baseUrl() + "/tenant-onboard#token=" + message.secret());
        }
        return new OutgoingMail(message.id(), message.recipient(), message.kind(), data);
    }

    @Override
    public int sweepExpiredOnce() {
        return invitations.expireDue(context.now(), context.settings().sweepBatchSize());
    }
}

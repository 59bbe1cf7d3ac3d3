package io.invitekit.bootstrap;

import io.invitekit.application.port.in.CurrentRequest;
import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutgoingMail;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.MDC;

/**
 * Spans for the outbox relay's sends. The relay opens a batch only for a round that claimed
 * emails, so a round with something to send is one {@value #RELAY} span, from opening the batch
 * (the SMTP connection) to closing it, with a {@value #SEND} span per email inside: its kind, its
 * outcome, its outbox id and the id of the request that queued it. Never its recipient, its link
 * or a failure's text (an SMTP refusal quotes the address).
 */
final class TracedMailSender implements MailSender {
    static final String RELAY = "invitekit.outbox.relay";
    static final String SEND = "invitekit.mail.send";

    private final MailSender sender;
    private final ObservationRegistry observations;

    private TracedMailSender(MailSender sender, ObservationRegistry observations) {
        this.sender = sender;
        this.observations = observations;
    }

    /** The sender itself when nothing is traced. */
    static MailSender of(MailSender sender, ObservationRegistry observations) {
        return observations.isNoop() ? sender : new TracedMailSender(sender, observations);
    }

    @Override
    public void send(OutgoingMail mail) {
        Observation observation = sendObservation(mail).start();
        try (Observation.Scope ignored = observation.openScope()) {
            sender.send(mail);
            observation.lowCardinalityKeyValue("invitekit.mail.outcome", "delivered");
        } catch (RuntimeException failed) {
            observation.lowCardinalityKeyValue("invitekit.mail.outcome", "failed");
            observation.error(failed);
            throw failed;
        } finally {
            observation.stop();
        }
    }

    @Override
    public MailBatch batch() {
        Observation round = Observation.createNotStarted(RELAY, observations).start();
        Observation.Scope scope = round.openScope();
        MailBatch batch;
        try {
            batch = sender.batch();
        } catch (RuntimeException failed) {
            round.error(failed);
            scope.close();
            round.stop();
            throw failed;
        }
        return new MailBatch() {
            private int sent;

            @Override
            public DeliveryResult send(OutgoingMail mail) {
                sent++;
                Observation observation = sendObservation(mail).start();
                try (Observation.Scope ignored = observation.openScope()) {
                    DeliveryResult result = batch.send(mail);
                    observation.lowCardinalityKeyValue("invitekit.mail.outcome", outcome(result));
                    return result;
                } catch (RuntimeException failed) {
                    observation.lowCardinalityKeyValue("invitekit.mail.outcome", "failed");
                    observation.error(failed);
                    throw failed;
                } finally {
                    observation.stop();
                }
            }

            @Override
            public void close() {
                try {
                    batch.close();
                } finally {
                    round.highCardinalityKeyValue("invitekit.outbox.messages", Integer.toString(sent));
                    scope.close();
                    round.stop();
                }
            }
        };
    }

    private Observation sendObservation(OutgoingMail mail) {
        Observation observation = Observation.createNotStarted(SEND, observations)
                .lowCardinalityKeyValue("invitekit.mail.kind", mail.kind())
                .highCardinalityKeyValue("invitekit.outbox.message_id", mail.id().toString());
        // The relay puts the id of the request that queued the email in the MDC while it sends it.
        String requestId = MDC.get(CurrentRequest.MDC_KEY);
        if (requestId != null) {
            observation.highCardinalityKeyValue("invitekit.request_id", requestId);
        }
        return observation;
    }

    private static String outcome(DeliveryResult result) {
        if (result instanceof DeliveryResult.Delivered) {
            return "delivered";
        }
        return result instanceof DeliveryResult.Refused ? "refused" : "retry_later";
    }
}

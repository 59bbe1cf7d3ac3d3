package io.invitekit.application.port.out;

/**
 * Hands typed {@link Mail} to the mail system (SMTP, a console, a provider's API). An
 * implementation needs only {@link #send}; one that can send several messages over one
 * connection overrides {@link #batch}, which the outbox relay uses for each round.
 */
public interface MailSender {
    /** @throws MailDeliveryException when it could not be handed over; nothing else escapes */
    void send(OutgoingMail mail);

    /** A batch; by default each message is sent on its own with {@link #send}. */
    default MailBatch batch() {
        return new MailBatch() {
            @Override
            public DeliveryResult send(OutgoingMail mail) {
                try {
                    MailSender.this.send(mail);
                    return DeliveryResult.delivered();
                } catch (MailDeliveryException failure) {
                    return DeliveryResult.of(failure);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}

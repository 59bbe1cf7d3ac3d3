package io.invitekit.application.port.out;

/** Hands a message to the mail system (SMTP, a console, a provider's API). */
public interface MailSender {
    /** @throws MailDeliveryException when it could not be handed over; nothing else escapes */
    void send(OutgoingMail mail);
}

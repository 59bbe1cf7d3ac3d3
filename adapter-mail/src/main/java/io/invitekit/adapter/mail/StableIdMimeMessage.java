package io.invitekit.adapter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose {@code Message-ID} is chosen by us and kept: Jakarta Mail would otherwise make
 * a new random one in {@link #saveChanges()}, and a retried email would look like a new one.
 */
final class StableIdMimeMessage extends MimeMessage {
    private final String messageId;

    StableIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}

package io.invitekit.bootstrap.process;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;

/** What the tests read out of the emails the server sends. */
public final class Emails {
    private Emails() {
    }

    /** The text/plain part of a multipart email (the server sends text and HTML). */
    public static String plainText(MimeMessage message) throws MessagingException, IOException {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text/plain part");
    }
}

package io.invitekit.adapter.mail;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reading what GreenMail received, for assertions. */
final class Received {
    private Received() {
    }

    static List<String> headerNames(MimeMessage message) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            names.add(header.getName());
        }
        return names;
    }

    /** The raw header block as it came over the wire, unfolded. */
    static String rawHeaders(MimeMessage message) throws MessagingException {
        StringBuilder out = new StringBuilder();
        for (String line : Collections.list(message.getAllHeaderLines())) {
            out.append(line.replace("\r\n", "").replace("\n", "")).append('\n');
        }
        return out.toString();
    }

    static MimeMultipart alternatives(MimeMessage message) throws MessagingException, IOException {
        return (MimeMultipart) message.getContent();
    }

    /** A text part's content, with the wire's CRLF line ends read as LF. */
    static String partText(BodyPart part) throws MessagingException, IOException {
        return ((String) part.getContent()).replace("\r\n", "\n");
    }

    /** How many messages GreenMail delivered into the mailbox of exactly this address (0 when none exists). */
    static int countFor(GreenMailOperations greenMail, String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return 0;
        }
        return (int) greenMail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).count();
    }
}

package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.MailDeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Reads what went wrong in a Jakarta Mail exception and says it as a {@link MailDeliveryException}
 * that the relay can act on. Permanent means a retry would fail the same way: the server refused
 * the recipient (5xx) or the message itself (5xx after DATA). Everything else (no connection, a
 * timeout, a 4xx, a refused login or sender address, which are the operator's to fix) is worth
 * another try later. No Jakarta Mail type leaves this class: the cause is not chained.
 */
final class SmtpFailures {
    private static final int MAX_SERVER_TEXT = 200;

    private SmtpFailures() {
    }

    static MailDeliveryException translate(Exception failure, String server) {
        List<Throwable> chain = chain(failure);

        Optional<SMTPAddressFailedException> recipient = first(chain, SMTPAddressFailedException.class);
        if (recipient.isPresent()) {
            int code = recipient.get().getReturnCode();
            return new MailDeliveryException((isPermanent(code) ? "the SMTP server refused the recipient: "
                    : "the SMTP server deferred the recipient: ") + serverText(recipient.get()), isPermanent(code), null);
        }
        Optional<SMTPSenderFailedException> sender = first(chain, SMTPSenderFailedException.class);
        if (sender.isPresent()) {
            return transientFailure("the SMTP server refused the sender address: " + serverText(sender.get()));
        }
        Optional<SMTPSendFailedException> message = first(chain, SMTPSendFailedException.class);
        if (message.isPresent()) {
            int code = message.get().getReturnCode();
            return new MailDeliveryException((isPermanent(code) ? "the SMTP server rejected the message: "
                    : "the SMTP server deferred the message: ") + serverText(message.get()), isPermanent(code), null);
        }
        Optional<SendFailedException> addresses = first(chain, SendFailedException.class);
        if (addresses.isPresent() && addresses.get().getInvalidAddresses() != null
                && addresses.get().getInvalidAddresses().length > 0) {
            return new MailDeliveryException("the SMTP server refused the recipient: " + serverText(addresses.get()), true, null);
        }
        if (first(chain, AuthenticationFailedException.class).isPresent()) {
            return transientFailure("the SMTP server " + server + " refused the login");
        }
        if (first(chain, SocketTimeoutException.class).isPresent()) {
            return transientFailure("the SMTP server " + server + " did not answer in time");
        }
        if (first(chain, MailConnectException.class).isPresent() || first(chain, ConnectException.class).isPresent()
                || first(chain, NoRouteToHostException.class).isPresent()
                || first(chain, UnknownHostException.class).isPresent()) {
            return transientFailure("cannot connect to the SMTP server " + server + ": "
                    + serverText(chain.get(chain.size() - 1)));
        }
        return transientFailure("SMTP delivery through " + server + " failed: " + serverText(failure));
    }

    private static boolean isPermanent(int replyCode) {
        return replyCode >= 500 && replyCode <= 599;
    }

    private static MailDeliveryException transientFailure(String message) {
        return new MailDeliveryException(message, false, null);
    }

    /** The exception, its causes and Jakarta Mail's "next" exceptions, each once. */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) { // MessagingException's cause is its "next"
            chain.add(t);
        }
        return chain;
    }

    private static <T extends Throwable> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static String serverText(Throwable t) {
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : Rendering.oneLine(t.getMessage());
        return text.length() > MAX_SERVER_TEXT ? text.substring(0, MAX_SERVER_TEXT) + "…" : text;
    }
}

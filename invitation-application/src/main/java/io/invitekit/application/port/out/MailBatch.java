package io.invitekit.application.port.out;

/**
 * Several messages sent one after another over one connection (one SMTP session, one API
 * client): the relay opens a batch per round, decides before each message whether to send it
 * (its lease, whether it was withdrawn), and records each outcome right after its send.
 * Not thread-safe; closing it closes the connection.
 */
public interface MailBatch extends AutoCloseable {

    /**
     * Sends one message, connecting first if need be (and again after a failure that lost the
     * connection). Never throws for a failure to hand it over: that is the result.
     */
    DeliveryResult send(OutgoingMail mail);

    /** Closes the connection, if one is open; a failure to close is not the messages' failure. */
    @Override
    void close();
}

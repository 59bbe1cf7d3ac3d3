package io.invitekit.application.port.out;

import io.invitekit.application.port.in.CurrentRequest;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Instant;
import java.util.Objects;


/**
 * An email waiting to go out, written in the same transaction as the change that causes it.
 * {@code mail} is the typed email without its link; {@code secret} (the raw token the link hands
 * over) is kept only until the message is SENT, DEAD or WITHDRAWN (a resend or a cancel took it
 * back before it was sent). {@code aggregateId}
 * names what the message is about (an invitation's id) so that its delivery can be shown there.
 * {@code requestId} is the id of the request that queued it, when there was one.
 */
public record OutboxMessage(
        OutboxMessageId id,
        QueuedMail mail,
        String secret,
        String aggregateId,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt,
        String requestId) {

    public enum Status { PENDING, SENT, DEAD, WITHDRAWN }

    /** Without a request id: a message queued outside of any request. */
    public OutboxMessage(OutboxMessageId id, QueuedMail mail, String secret, String aggregateId, Status status,
                         int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
        this(id, mail, secret, aggregateId, status, attempts, nextAttemptAt, lastError, createdAt, sentAt, null);
    }

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new PENDING message, with the id of the request this thread serves, if any ({@link CurrentRequest}). */
    public static OutboxMessage queue(OutboxMessageId id, QueuedMail mail, String secret, String aggregateId,
                                      Instant now) {
        return new OutboxMessage(id, mail, secret, aggregateId, Status.PENDING, 0, now, null, now, null,
                CurrentRequest.id());
    }

    public String kind() {
        return mail.kind();
    }

    public EmailAddress recipient() {
        return mail.to();
    }

    @Override
    public String toString() {
        return "OutboxMessage[id=" + id + ", kind=" + kind() + ", status=" + status + ", attempts=" + attempts
                + (requestId == null ? "" : ", requestId=" + requestId) + "]";
    }
}

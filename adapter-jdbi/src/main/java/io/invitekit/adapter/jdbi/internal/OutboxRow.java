package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code outbox_messages}; the lease columns stay in the adapter, {@code data} is {@link MailJson}. */
public record OutboxRow(UUID id, String kind, String recipient, String data, String secret, String aggregateId,
                        String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                        Instant sentAt, String requestId) {

    static final String COLUMNS = "id, kind, recipient, data, secret, aggregate_id, status, attempts, "
            + "next_attempt_at, last_error, created_at, sent_at, request_id";

    public static OutboxRow of(OutboxMessage m) {
        return new OutboxRow(m.id().value(), m.kind(), m.recipient().value(), MailJson.write(m.mail()), m.secret(),
                m.aggregateId(), m.status().name(), m.attempts(), m.nextAttemptAt(), m.lastError(), m.createdAt(),
                m.sentAt(), m.requestId());
    }

    public OutboxMessage toDomain() {
        EmailAddress to = new EmailAddress(recipient);
        return new OutboxMessage(new OutboxMessageId(id), MailJson.read(kind, to, data, createdAt), secret, aggregateId,
                OutboxMessage.Status.valueOf(status), attempts, nextAttemptAt, lastError, createdAt, sentAt, requestId);
    }

    @Override
    public String toString() {
        return "OutboxRow[id=" + id + ", kind=" + kind + ", status=" + status + "]"; // the secret stays out of logs
    }
}

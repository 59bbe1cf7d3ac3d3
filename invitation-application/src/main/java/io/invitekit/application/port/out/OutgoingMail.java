package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import java.util.Objects;

/**
 * A message ready for a {@link MailSender}: the typed {@link Mail} and its envelope. {@code id} is
 * stable across retries, so the sender derives the same {@code Message-ID} every time.
 */
public record OutgoingMail(OutboxMessageId id, Mail mail) {
    public OutgoingMail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mail, "mail");
    }

    public EmailAddress to() {
        return mail.to();
    }

    public String kind() {
        return mail.kind();
    }

    @Override
    public String toString() {
        return "OutgoingMail[id=" + id + ", kind=" + mail.kind() + "]"; // the mail holds a link with a token
    }
}

package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import java.util.Map;
import java.util.Objects;

/**
 * A message ready for a {@link MailSender}: what to render ({@code kind} and {@code data}, see
 * {@link TenantInvitationMail}) and to whom. {@code id} is stable across retries, so the sender
 * derives the same {@code Message-ID} every time.
 */
public record OutgoingMail(OutboxMessageId id, EmailAddress to, String kind, Map<String, String> data) {
    public OutgoingMail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        return "OutgoingMail[id=" + id + ", kind=" + kind + "]"; // data holds a link with a token
    }
}

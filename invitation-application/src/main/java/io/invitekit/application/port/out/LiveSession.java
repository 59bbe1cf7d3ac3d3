package io.invitekit.application.port.out;

import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import java.util.Objects;

/** A live session a token was checked against: whose it is, and which of theirs. */
public record LiveSession(UserId user, SessionId id) {
    public LiveSession {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(id, "id");
    }
}

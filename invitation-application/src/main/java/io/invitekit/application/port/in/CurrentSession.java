package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionId;
import java.util.Objects;

/**
 * A caller signed in with one of Invitekit's own sessions: who they are, and which of their
 * sessions the request came with (so that "end my other sessions" and "change my password" keep
 * it). Resolved by {@link SessionUseCase#authenticate}.
 */
public record CurrentSession(Actor actor, SessionId id) {
    public CurrentSession {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
    }
}

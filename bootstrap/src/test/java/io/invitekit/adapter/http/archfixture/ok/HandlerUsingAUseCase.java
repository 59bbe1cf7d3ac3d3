package io.invitekit.adapter.http.archfixture.ok;

import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.domain.account.UserId;
import java.util.UUID;

/** What the driving-adapter rule allows: the façade, inbound ports and domain values. */
public final class HandlerUsingAUseCase {
    private final Invitekit kit;

    public HandlerUsingAUseCase(Invitekit kit) {
        this.kit = kit;
    }

    public Object join(String code) {
        return kit.joinCodes().join(Actor.user(new UserId(UUID.randomUUID())), JoinWithCode.code(code));
    }
}

package io.invitekit.example.hostapp;

import io.invitekit.adapter.http.InvitekitAuthentication;
import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.account.UserId;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who calls Invitekit's API: the host's own session, said in Invitekit's terms. The host's admins
 * are Invitekit's platform admins; an email the host has verified is passed on as verified (an
 * invitation is accepted only by a caller whose verified email is the invitation's).
 */
public final class InvitekitBridge implements InvitekitAuthentication {
    private final SessionCookie cookie;

    public InvitekitBridge(SessionCookie cookie) {
        this.cookie = cookie;
    }

    @Override
    public Optional<Caller> caller(Context ctx) {
        return cookie.signedIn(ctx).map(InvitekitBridge::caller);
    }

    static Caller caller(Account account) {
        UserId id = HostUserDirectory.userId(account);
        Actor actor = account.admin() ? Actor.platformAdmin(id) : Actor.user(id);
        // A bridge must not throw: an address Invitekit would refuse is passed on as no verified address.
        return HostUserDirectory.emailOf(account).filter(email -> account.emailVerified())
                .map(email -> Caller.verified(actor, email))
                .orElseGet(() -> Caller.of(actor));
    }
}

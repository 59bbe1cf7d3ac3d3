package io.invitekit.adapter.http;

import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.shared.EmailAddress;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge from a request to who sent it. A host application resolves its own signed-in user
 * (its session cookie, its bearer token) and says who that is to Invitekit; the bundled server
 * resolves Invitekit's own access tokens. Runs before every API call under the plugin's path.
 */
@FunctionalInterface
public interface InvitekitAuthentication {

    /** The caller, or empty for an anonymous request. Must not throw for a bad credential: answer empty. */
    Optional<Caller> caller(Context ctx);

    /**
     * A signed-in caller. {@code verifiedEmail} is the address the host has verified belongs to
     * them, or null when it has none: accepting an invitation needs it to equal the invitation's.
     */
    record Caller(Actor actor, EmailAddress verifiedEmail) {
        public Caller {
            Objects.requireNonNull(actor, "actor");
        }

        public static Caller of(Actor actor) {
            return new Caller(actor, null);
        }

        public static Caller verified(Actor actor, EmailAddress email) {
            return new Caller(actor, Objects.requireNonNull(email, "email"));
        }
    }
}

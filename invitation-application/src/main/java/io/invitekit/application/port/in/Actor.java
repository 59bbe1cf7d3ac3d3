package io.invitekit.application.port.in;

import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import java.util.Objects;

/**
 * Who a use case acts for: a user id and that user's standing on the platform. The caller
 * resolves it — the bundled server from an Invitekit access token
 * ({@link AccountUseCase#authenticate}), a host application from its own signed-in user — and
 * every use case checks what this actor may do, so a host gets the same rules as the HTTP API.
 *
 * <p>A host whose users are not identified by UUIDs maps them, for instance with
 * {@code UUID.nameUUIDFromBytes(("myapp:" + id).getBytes(UTF_8))}: the mapping only has to be
 * stable.
 */
public record Actor(UserId id, PlatformRole platformRole) {
    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platformRole, "platformRole");
    }

    /** An ordinary user. */
    public static Actor user(UserId id) {
        return new Actor(id, PlatformRole.NONE);
    }

    /** A platform admin: may invite business owners and manage every tenant. */
    public static Actor platformAdmin(UserId id) {
        return new Actor(id, PlatformRole.PLATFORM_ADMIN);
    }

    public boolean isPlatformAdmin() {
        return platformRole == PlatformRole.PLATFORM_ADMIN;
    }
}

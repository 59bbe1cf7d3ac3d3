package io.invitekit.application.port.in;

import java.time.Instant;

/**
 * What a member sees of a tenant's join code: while joining by code is on, the code (normalized
 * and grouped for display) with its optional limits; while it is off, only that it is off.
 */
public record JoinCodeView(boolean enabled, String code, String display, Instant expiresAt, Integer maxUses,
                           Integer uses) {

    /** Joining by code is turned off: there is no code to show. */
    public static JoinCodeView off() {
        return new JoinCodeView(false, null, null, null, null, null);
    }
}

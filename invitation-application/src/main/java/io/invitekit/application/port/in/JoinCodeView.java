package io.invitekit.application.port.in;

import java.time.Instant;

/** A tenant's join code: normalized, grouped for display, with its optional limits. */
public record JoinCodeView(String code, String display, Instant expiresAt, Integer maxUses, int uses) {
}

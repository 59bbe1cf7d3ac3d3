package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import java.time.Instant;

/**
 * One of the caller's sessions as they see it: never a token or a digest. {@code lastUsedAt} is
 * coarse (written at most every few minutes); {@code clientAddress} and {@code userAgent} are null
 * when the client did not say. {@code current} marks the session the request came with.
 */
public record SessionView(SessionId id, SessionKind kind, Instant createdAt, Instant lastUsedAt, String clientAddress,
                          String userAgent, boolean current) {
}

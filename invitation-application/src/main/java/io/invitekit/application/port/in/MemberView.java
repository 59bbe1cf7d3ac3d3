package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import java.time.Instant;

/** One member of a tenant, as its members see them. */
public record MemberView(UserView user, Role role, Instant joinedAt) {
}

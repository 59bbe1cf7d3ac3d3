package io.invitekit.application.port.in;

/** A member invitation accepted with an Invitekit account: the membership and the fresh tokens. */
public record MemberAcceptResult(AuthResult auth, JoinResult membership) {
}

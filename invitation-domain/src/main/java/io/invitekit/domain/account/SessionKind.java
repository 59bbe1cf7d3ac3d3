package io.invitekit.domain.account;

/**
 * How a session's holder presents it: {@code API} sessions are bearer token pairs (an access and a
 * refresh token) for API clients; {@code BROWSER} sessions are one opaque token in a cookie, for
 * the pages, with an idle timeout and no refresh token.
 */
public enum SessionKind {
    API,
    BROWSER
}

package io.invitekit.application.port.in;

/** A signed-in user and their fresh tokens. {@link #toString()} hides the tokens. */
public record AuthResult(UserView user, String accessToken, String refreshToken, long expiresInSeconds) {
    @Override
    public String toString() {
        return "AuthResult[user=" + user.id() + ", tokens redacted]";
    }
}

package io.invitekit.application.port.in;

import java.util.Optional;

/**
 * What a sign-up answers: the new account's session, or — when the deployment requires verified
 * emails — nothing but "check your email", the same for a new and for a taken email.
 */
public record SignupResult(Optional<AuthResult> session) {

    public SignupResult {
        session = session == null ? Optional.empty() : session;
    }

    public static SignupResult signedIn(AuthResult session) {
        return new SignupResult(Optional.of(session));
    }

    /** The answer when verified emails are required, whatever happened. */
    public static SignupResult checkYourEmail() {
        return new SignupResult(Optional.empty());
    }

    public boolean verificationRequired() {
        return session.isEmpty();
    }

    /**
     * The session of a sign-up that signed the user in.
     *
     * @throws IllegalStateException when verified emails are required (there is no session)
     */
    public AuthResult signedIn() {
        return session.orElseThrow(() -> new IllegalStateException(
                "verified emails are required: the sign-up answered without a session"));
    }

    @Override
    public String toString() {
        return "SignupResult[" + (session.isPresent() ? "signed in" : "check your email") + "]";
    }
}

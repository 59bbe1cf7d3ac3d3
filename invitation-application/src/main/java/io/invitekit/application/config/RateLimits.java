package io.invitekit.application.config;

import io.invitekit.application.port.out.RateLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a client may try what guessing or flooding would abuse: log-ins per address and per
 * email, sign-ups per address, invitation-link and reset-token lookups per address, password
 * reset requests and verification email resends per address and per email. (Wrong join codes have their own limits in
 * {@link InvitekitSettings}.)
 */
public record RateLimits(RateLimit loginPerAddress, RateLimit loginPerEmail, RateLimit signupPerAddress,
                         RateLimit linkPerAddress, RateLimit passwordResetPerAddress,
                         RateLimit passwordResetPerEmail, RateLimit verificationResendPerAddress,
                         RateLimit verificationResendPerEmail) {
    public RateLimits {
        Objects.requireNonNull(loginPerAddress, "loginPerAddress");
        Objects.requireNonNull(loginPerEmail, "loginPerEmail");
        Objects.requireNonNull(signupPerAddress, "signupPerAddress");
        Objects.requireNonNull(linkPerAddress, "linkPerAddress");
        Objects.requireNonNull(passwordResetPerAddress, "passwordResetPerAddress");
        Objects.requireNonNull(passwordResetPerEmail, "passwordResetPerEmail");
        Objects.requireNonNull(verificationResendPerAddress, "verificationResendPerAddress");
        Objects.requireNonNull(verificationResendPerEmail, "verificationResendPerEmail");
    }

    public static RateLimits defaults() {
        return new RateLimits(
                new RateLimit("login_address", 30, Duration.ofMinutes(1)),
                new RateLimit("login_email", 10, Duration.ofMinutes(15)),
                new RateLimit("signup_address", 20, Duration.ofHours(1)),
                new RateLimit("token_address", 60, Duration.ofMinutes(1)),
                new RateLimit("reset_address", 10, Duration.ofMinutes(15)),
                new RateLimit("reset_email", 3, Duration.ofHours(1)),
                new RateLimit("verify_resend_address", 10, Duration.ofMinutes(15)),
                new RateLimit("verify_resend_email", 5, Duration.ofHours(1)));
    }

    public RateLimits withLoginPerAddress(RateLimit value) {
        return new RateLimits(value, loginPerEmail, signupPerAddress, linkPerAddress, passwordResetPerAddress,
                passwordResetPerEmail, verificationResendPerAddress,
                verificationResendPerEmail);
    }

    public RateLimits withLoginPerEmail(RateLimit value) {
        return new RateLimits(loginPerAddress, value, signupPerAddress, linkPerAddress, passwordResetPerAddress,
                passwordResetPerEmail, verificationResendPerAddress,
                verificationResendPerEmail);
    }

    public RateLimits withSignupPerAddress(RateLimit value) {
        return new RateLimits(loginPerAddress, loginPerEmail, value, linkPerAddress, passwordResetPerAddress,
                passwordResetPerEmail, verificationResendPerAddress,
                verificationResendPerEmail);
    }

    public RateLimits withLinkPerAddress(RateLimit value) {
        return new RateLimits(loginPerAddress, loginPerEmail, signupPerAddress, value, passwordResetPerAddress,
                passwordResetPerEmail, verificationResendPerAddress,
                verificationResendPerEmail);
    }

    public RateLimits withPasswordResetPerAddress(RateLimit value) {
        return new RateLimits(loginPerAddress, loginPerEmail, signupPerAddress, linkPerAddress, value,
                passwordResetPerEmail, verificationResendPerAddress,
                verificationResendPerEmail);
    }

    public RateLimits withPasswordResetPerEmail(RateLimit value) {
        return new RateLimits(loginPerAddress, loginPerEmail, signupPerAddress, linkPerAddress,
                passwordResetPerAddress, value, verificationResendPerAddress,
                verificationResendPerEmail);
    }

    public RateLimits withVerificationResendPerAddress(RateLimit value) {
        return new RateLimits(loginPerAddress, loginPerEmail, signupPerAddress, linkPerAddress,
                passwordResetPerAddress, passwordResetPerEmail, value, verificationResendPerEmail);
    }

    public RateLimits withVerificationResendPerEmail(RateLimit value) {
        return new RateLimits(loginPerAddress, loginPerEmail, signupPerAddress, linkPerAddress,
                passwordResetPerAddress, passwordResetPerEmail, verificationResendPerAddress, value);
    }
}

package io.invitekit.adapter.http;

import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The limits the HTTP side adds: log-in, sign-up and invitation links, per client address (and email). */
final class HttpRateLimits {
    private final RateLimiter limiter;
    private final HttpSettings settings;

    HttpRateLimits(RateLimiter limiter, HttpSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    void login(String address, String email) {
        take(settings.loginPerAddress(), address);
        if (email != null && !email.isBlank()) {
            take(settings.loginPerEmail(), email.strip().toLowerCase(Locale.ROOT));
        }
    }

    void signup(String address) {
        take(settings.signupPerAddress(), address);
    }

    void invitationLink(String address) {
        take(settings.tokenPerAddress(), address);
    }

    private void take(RateLimit limit, String key) {
        Optional<Duration> wait = limiter.tryAcquire(limit, key);
        if (wait.isPresent()) {
            throw new RetryLaterException(ErrorCode.RATE_LIMITED, "too many requests; try again later", wait.get());
        }
    }
}

package io.invitekit.adapter.http;

import io.invitekit.application.port.out.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment may choose about the HTTP side.
 *
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed (default: none)
 * @param metricsPublic  whether {@code /metrics} answers anybody; otherwise platform admins only
 * @param readiness      what {@code /health/ready} runs: throws when the database cannot be reached
 * @param hstsSeconds    {@code Strict-Transport-Security} max-age on every answer; 0 sends none (the default).
 *                       Only for a deployment reached over HTTPS.
 */
public record HttpSettings(
        List<String> trustedProxies,
        boolean metricsPublic,
        long maxBodyBytes,
        RateLimit loginPerAddress,
        RateLimit loginPerEmail,
        RateLimit signupPerAddress,
        RateLimit tokenPerAddress,
        Runnable readiness,
        long hstsSeconds) {

    public HttpSettings {
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(ClientAddress.Cidr::parse); // a bad entry fails here, at start
        Objects.requireNonNull(loginPerAddress, "loginPerAddress");
        Objects.requireNonNull(loginPerEmail, "loginPerEmail");
        Objects.requireNonNull(signupPerAddress, "signupPerAddress");
        Objects.requireNonNull(tokenPerAddress, "tokenPerAddress");
        Objects.requireNonNull(readiness, "readiness");
        if (hstsSeconds < 0) {
            throw new IllegalArgumentException("hstsSeconds must not be negative");
        }
    }

    /** Without HSTS. */
    public HttpSettings(List<String> trustedProxies, boolean metricsPublic, long maxBodyBytes, RateLimit loginPerAddress,
                        RateLimit loginPerEmail, RateLimit signupPerAddress, RateLimit tokenPerAddress, Runnable readiness) {
        this(trustedProxies, metricsPublic, maxBodyBytes, loginPerAddress, loginPerEmail, signupPerAddress, tokenPerAddress,
                readiness, 0);
    }

    public static HttpSettings defaults(Runnable readiness) {
        return new HttpSettings(List.of(), true, 64 * 1024,
                new RateLimit("login_address", 30, Duration.ofMinutes(1)),
                new RateLimit("login_email", 10, Duration.ofMinutes(15)),
                new RateLimit("signup_address", 20, Duration.ofHours(1)),
                new RateLimit("token_address", 60, Duration.ofMinutes(1)),
                readiness);
    }

    public HttpSettings withTrustedProxies(List<String> proxies) {
        return new HttpSettings(proxies, metricsPublic, maxBodyBytes, loginPerAddress, loginPerEmail, signupPerAddress,
                tokenPerAddress, readiness, hstsSeconds);
    }

    public HttpSettings withMetricsPublic(boolean value) {
        return new HttpSettings(trustedProxies, value, maxBodyBytes, loginPerAddress, loginPerEmail, signupPerAddress,
                tokenPerAddress, readiness, hstsSeconds);
    }

    public HttpSettings withLimits(RateLimit loginAddress, RateLimit loginEmail, RateLimit signupAddress,
                                   RateLimit tokenAddress) {
        return new HttpSettings(trustedProxies, metricsPublic, maxBodyBytes, loginAddress, loginEmail, signupAddress,
                tokenAddress, readiness, hstsSeconds);
    }

    /** {@code Strict-Transport-Security: max-age=seconds} on every answer; 0 for none. */
    public HttpSettings withHstsSeconds(long seconds) {
        return new HttpSettings(trustedProxies, metricsPublic, maxBodyBytes, loginPerAddress, loginPerEmail, signupPerAddress,
                tokenPerAddress, readiness, seconds);
    }
}

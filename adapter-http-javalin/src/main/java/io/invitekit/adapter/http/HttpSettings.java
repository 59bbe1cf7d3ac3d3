package io.invitekit.adapter.http;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment may choose about the HTTP side. (How often log-ins, sign-ups and links may be
 * tried is the application's: {@code InvitekitSettings.rateLimits()}.)
 *
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed (default: none)
 * @param metricsPublic  whether {@code /metrics} answers anybody; otherwise platform admins only
 * @param maxBodyBytes   the largest request body Invitekit's routes read
 * @param readiness      what {@code /health/ready} runs: throws when the database cannot be reached
 * @param hstsSeconds    {@code Strict-Transport-Security} max-age on every answer; 0 sends none (the default).
 *                       Only for a deployment reached over HTTPS.
 * @param baseUrl        where the deployment is reached, or null: the pages' origin (requests signed in by the
 *                       session cookie must come from it) and whether that cookie is {@code Secure} (https).
 *                       Null: the request's own scheme and {@code Host}, which a proxy may have changed.
 */
public record HttpSettings(
        List<String> trustedProxies,
        boolean metricsPublic,
        long maxBodyBytes,
        Runnable readiness,
        long hstsSeconds,
        URI baseUrl) {

    public HttpSettings {
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(ClientAddress.Cidr::parse); // a bad entry fails here, at start
        Objects.requireNonNull(readiness, "readiness");
        if (hstsSeconds < 0) {
            throw new IllegalArgumentException("hstsSeconds must not be negative");
        }
        if (baseUrl != null) {
            CrossSiteGuard.origin(baseUrl); // not http(s)://host: fails here, at start
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    public static HttpSettings defaults(Runnable readiness) {
        return new HttpSettings(List.of(), true, 64 * 1024, readiness, 0, null);
    }

    public HttpSettings withTrustedProxies(List<String> proxies) {
        return new HttpSettings(proxies, metricsPublic, maxBodyBytes, readiness, hstsSeconds, baseUrl);
    }

    public HttpSettings withMetricsPublic(boolean value) {
        return new HttpSettings(trustedProxies, value, maxBodyBytes, readiness, hstsSeconds, baseUrl);
    }

    public HttpSettings withReadiness(Runnable value) {
        return new HttpSettings(trustedProxies, metricsPublic, maxBodyBytes, value, hstsSeconds, baseUrl);
    }

    /** Where the deployment is reached (its pages' origin); null for the request's own scheme and host. */
    public HttpSettings withBaseUrl(URI value) {
        return new HttpSettings(trustedProxies, metricsPublic, maxBodyBytes, readiness, hstsSeconds, value);
    }

    /** {@code Strict-Transport-Security: max-age=seconds} on every answer; 0 for none. */
    public HttpSettings withHstsSeconds(long seconds) {
        return new HttpSettings(trustedProxies, metricsPublic, maxBodyBytes, readiness, seconds, baseUrl);
    }
}

package io.invitekit.application.port.out;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one webhook request (a JSON POST, its headers already signed) and says what came of it.
 * The adapter owns the network rules: connect and total timeouts, no redirects followed, and
 * targets in loopback, private, link-local and metadata ranges refused (checked after DNS
 * resolution, the connection pinned to the checked address) unless the deployment allows them.
 * Never throws for a failed delivery: every outcome is a {@link Result}.
 */
public interface WebhookSender {

    Result send(Request request);

    /** {@code body} is the exact bytes that were signed. */
    record Request(URI url, Map<String, String> headers, byte[] body) {
        public Request {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * {@code status} is the HTTP status, or null when no response came ({@code error} then says
     * why: refused target, timeout, connection failure — in words without secrets);
     * {@code latency} how long the attempt took.
     */
    record Result(Integer status, Duration latency, String error) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }
}

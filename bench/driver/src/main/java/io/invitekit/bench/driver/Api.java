package io.invitekit.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The few API calls the bench makes to set a server up, each from its own client address. */
final class Api {
    static final String ADMIN_EMAIL = "root@bench.test";
    static final String ADMIN_PASSWORD = "a long admin password";
    static final String PASSWORD = "a bench password";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger clients = new AtomicInteger();

    Api(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    JsonNode call(String method, String path, String token, Object body, int expected) throws IOException, InterruptedException {
        int n = clients.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", "172.16." + (n / 250 % 250) + "." + (n % 250))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    String adminToken() throws IOException, InterruptedException {
        return call("POST", "/api/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD), 200)
                .path("access_token").asText();
    }

    String signup(String email) throws IOException, InterruptedException {
        return call("POST", "/api/auth/signup", null, Map.of("email", email, "password", PASSWORD, "first_name", "Ada",
                "last_name", "Lovelace"), 201).path("access_token").asText();
    }

    void invite(String admin, String email) throws IOException, InterruptedException {
        call("POST", "/api/platform/tenant-invitations/", admin, Map.of("email", email), 201);
    }

    /** The outbox backlog, from the Prometheus text at /metrics. */
    long backlog() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        for (String line : response.body().split("\n")) {
            if (line.startsWith("invitekit_outbox_backlog ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new IllegalStateException("no invitekit_outbox_backlog in /metrics");
    }
}

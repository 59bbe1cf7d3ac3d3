package io.invitekit.bootstrap.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server process (the fat jar, as an operator runs it) of a cluster whose nodes share one
 * PostgreSQL schema, with a small HTTP client for it. Every wait has a deadline.
 */
final class Node implements AutoCloseable {
    static final String ADMIN_EMAIL = "root@cluster.test";
    static final String ADMIN_PASSWORD = "a long admin password";
    private static final Pattern RELAY = Pattern.compile("outbox relay (relay-[0-9a-f-]{36}) leases");

    private final String name;
    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private Node(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts a node on a free port; returns at once ({@link #awaitReady} waits), so that several
     * nodes start side by side.
     *
     * @param dbUrl    a PostgreSQL URL naming the schema the nodes share
     * @param smtpPort an SMTP port on 127.0.0.1, or 0 for the console sender
     * @param extra    more variables, which win over the defaults here
     */
    static Node launch(String name, String dbUrl, int smtpPort, Map<String, String> extra) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path work = Files.createTempDirectory(Path.of("target"), "cluster-" + name + "-");
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_PORT", Integer.toString(port));
        env.put("INVITEKIT_BASE_URL", "https://app.cluster.test");
        env.put("INVITEKIT_PLATFORM_NAME", "Cluster Cloud");
        env.put("INVITEKIT_PLATFORM_DOMAIN", "cluster.test");
        env.put("INVITEKIT_MAIL_FROM", "invites@cluster.test");
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_DB_URL", dbUrl);
        env.put("INVITEKIT_RATE_LIMIT_STORE", "database");
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        // These tests are about what the database enforces, not about hashing cost.
        env.put("INVITEKIT_ARGON2_MEMORY_KIB", "1024");
        env.put("INVITEKIT_ARGON2_ITERATIONS", "1");
        if (smtpPort > 0) {
            env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
            env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtpPort));
        }
        env.putAll(extra);
        Path log = work.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", System.getProperty("invitekit.serverJar"))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("INVITEKIT_"));
        builder.environment().putAll(env);
        return new Node(name, builder.start(), log, port);
    }

    Node awaitReady(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited early:\n" + log());
            }
            Optional<Reply> ready = tryCall("GET", "/health/ready", null, null, Map.of());
            if (ready.isPresent() && ready.get().status() == 200) {
                return this;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait on the process itself
        }
        throw new IllegalStateException(name + " was not ready within " + within + ":\n" + log());
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The claimer id this node's outbox relay writes into the leases it takes. */
    String relayId() {
        Matcher matcher = RELAY.matcher(log());
        if (!matcher.find()) {
            throw new IllegalStateException(name + " has not named its relay:\n" + log());
        }
        return matcher.group(1);
    }

    record Reply(int status, String body, JsonNode json, Map<String, List<String>> headers) {
        String code() {
            return json.path("code").asText(null);
        }

        String text(String field) {
            return json.path(field).asText(null);
        }
    }

    Reply call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        return tryCall(method, path, token, body, headers)
                .orElseThrow(() -> new IllegalStateException(name + ": no answer to " + method + " " + path));
    }

    /** Empty when no HTTP answer came at all (refused, reset, timed out). */
    Optional<Reply> tryCall(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            String text = body == null ? null : json.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            } catch (IOException notJson) {
                node = json.nullNode();
            }
            return Optional.of(new Reply(response.statusCode(), response.body(), node, response.headers().map()));
        } catch (IOException noAnswer) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String login(String email, String password) {
        Reply reply = call("POST", "/api/auth/login", null, Map.of("email", email, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException(name + ": log-in failed: " + reply.body());
        }
        return reply.text("access_token");
    }

    String signup(String email) {
        Reply reply = call("POST", "/api/auth/signup", null, Map.of("email", email, "password", "a decent password",
                "first_name", "Ada", "last_name", "Lovelace"));
        if (reply.status() != 201) {
            throw new IllegalStateException(name + ": sign-up failed: " + reply.body());
        }
        return reply.text("access_token");
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

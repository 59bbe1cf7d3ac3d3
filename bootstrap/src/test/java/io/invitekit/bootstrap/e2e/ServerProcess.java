package io.invitekit.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The fat jar started as its own process, as a user would run it, and an HTTP client for it. */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_EMAIL = "root@acme.test";
    static final String ADMIN_PASSWORD = "a long admin password";

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Runnable cleanup;

    private ServerProcess(Process process, Path log, int port, Runnable cleanup) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
        this.cleanup = cleanup;
    }

    enum Database { H2, POSTGRES }

    /** Starts the jar on a free port against a fresh database and waits (with a deadline) until it is ready. */
    static ServerProcess start(Database database, int smtpPort, Map<String, String> extra) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path work = Files.createTempDirectory(Path.of("target"), "e2e-");
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_PORT", Integer.toString(port));
        env.put("INVITEKIT_BASE_URL", "https://app.acme.test");
        env.put("INVITEKIT_PLATFORM_NAME", "Acme Cloud");
        env.put("INVITEKIT_PLATFORM_DOMAIN", "acme.test");
        env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
        env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtpPort));
        env.put("INVITEKIT_MAIL_FROM", "invites@acme.test");
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        Runnable cleanup = () -> { };
        if (database == Database.POSTGRES) {
            String pg = System.getenv("INVITEKIT_TEST_PG_URL");
            String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(pg, "CREATE SCHEMA " + schema);
            env.put("INVITEKIT_DB_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            env.put("INVITEKIT_RATE_LIMIT_STORE", "database");
            cleanup = () -> execute(pg, "DROP SCHEMA " + schema + " CASCADE");
        } else {
            env.put("INVITEKIT_DB_URL", "jdbc:h2:file:" + work.toAbsolutePath().resolve("db")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        env.putAll(extra);
        Path log = work.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("invitekit.serverJar"))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("INVITEKIT_"));
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), log, port, cleanup);
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    private void awaitReady(Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited early:\n" + log());
            }
            try {
                if (call("GET", "/health/ready", null, null, Map.of()).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait on the process itself, not a sleep
        }
        throw new IllegalStateException("the server was not ready within " + within + ":\n" + log());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    record Reply(int status, String body, JsonNode json, Map<String, List<String>> headers) {
        String code() {
            return json.path("code").asText(null);
        }
    }

    Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
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
            JsonNode node = response.body().isBlank() ? json.nullNode() : parse(response.body());
            return new Reply(response.statusCode(), response.body(), node, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return json.nullNode();
        }
    }

    String login(String email, String password) {
        Reply reply = call("POST", "/api/auth/login", null, Map.of("email", email, "password", password), Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("access_token").asText();
    }

    String signup(String email) {
        Reply reply = call("POST", "/api/auth/signup", null, Map.of("email", email, "password", "a decent password",
                "first_name", "Ada", "last_name", "Lovelace"), Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("access_token").asText();
    }

    /** SIGTERM, then the exit code; fails the test if the server takes longer than 30 s. */
    int terminate() throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        assertThat(exited).as("the server stops within 30 s of SIGTERM").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        cleanup.run();
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\\R")));
    }
}

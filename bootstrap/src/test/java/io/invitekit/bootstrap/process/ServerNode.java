package io.invitekit.bootstrap.process;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fat jar running as its own process, as a user runs it, with an HTTP client for it. The
 * end-to-end and the several-node tests build on this; each adds its own environment.
 */
public class ServerNode implements AutoCloseable {
    /** No bearer token: the call is anonymous. */
    public static final String ANONYMOUS = null;
    /** No request body. */
    public static final Object NO_BODY = null;

    private final String name;
    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    protected ServerNode(Started started) {
        this.name = started.name();
        this.process = started.process();
        this.log = started.log();
        this.base = "http://127.0.0.1:" + started.port();
    }

    /** A process just started: not necessarily ready. */
    protected record Started(String name, Process process, Path log, int port) {
    }

    /**
     * Starts the jar (system property {@code invitekit.serverJar}) on a free port in a new directory
     * under target/, with exactly these {@code INVITEKIT_} variables (plus the port). Returns at once.
     */
    protected static Started startJar(String name, List<String> jvmFlags, Map<String, String> env) throws IOException {
        Path work = Files.createTempDirectory(Path.of("target"), name + "-");
        return startJar(name, work, work.resolve("server.log"), jvmFlags, env);
    }

    /**
     * As {@link #startJar(String, List, Map)}, in a working directory of the caller's: a process
     * started again there finds the embedded database under {@code ./data} again. Each start
     * writes a log of its own.
     */
    protected static Started startJarIn(Path work, String name, List<String> jvmFlags, Map<String, String> env)
            throws IOException {
        Files.createDirectories(work);
        return startJar(name, work, Files.createTempFile(work, name + "-", ".log"), jvmFlags, env);
    }

    private static Started startJar(String name, Path work, Path log, List<String> jvmFlags, Map<String, String> env)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> variables = new HashMap<>(env);
        variables.put("INVITEKIT_PORT", Integer.toString(port));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(System.getProperty("invitekit.serverJar"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("INVITEKIT_"));
        builder.environment().putAll(variables);
        return new Started(name, builder.start(), log, port);
    }

    /** Waits, with a deadline, until {@code /health/ready} answers 200. */
    public ServerNode awaitReady(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited early:\n" + log());
            }
            Optional<Reply> ready = tryCall("GET", "/health/ready", ANONYMOUS, NO_BODY, Map.of());
            if (ready.isPresent() && ready.get().status() == 200) {
                return this;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait on the process itself, not a sleep
        }
        throw new IllegalStateException(name + " was not ready within " + within + ":\n" + log());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public record Reply(int status, String body, JsonNode json, Map<String, List<String>> headers) {
        public String code() {
            return json.path("code").asText(null);
        }

        public String text(String field) {
            return json.path(field).asText(null);
        }
    }

    /** Without a token or a body. */
    public Reply anonymous(String method, String path) {
        return call(method, path, ANONYMOUS, NO_BODY);
    }

    public Reply call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    /** {@code body}: a String is sent as it is, anything else as JSON. */
    public Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        return tryCall(method, path, token, body, headers)
                .orElseThrow(() -> new IllegalStateException(name + ": no answer to " + method + " " + path));
    }

    /** Empty when no HTTP answer came at all (refused, reset, timed out). */
    public Optional<Reply> tryCall(String method, String path, String token, Object body, Map<String, String> headers) {
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
            JsonNode node;
            try {
                node = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            } catch (IOException notJson) {
                node = json.nullNode();
            }
            return Optional.of(new Reply(response.statusCode(), response.body(), node, response.headers().map()));
        } catch (IOException noAnswer) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    public String login(String email, String password) {
        Reply reply = call("POST", "/api/auth/login", null, Map.of("email", email, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException(name + ": log-in failed: " + reply.body());
        }
        return reply.text("access_token");
    }

    public String signup(String email) {
        Reply reply = call("POST", "/api/auth/signup", null, Map.of("email", email, "password", "a decent password",
                "first_name", "Ada", "last_name", "Lovelace"));
        if (reply.status() != 201) {
            throw new IllegalStateException(name + ": sign-up failed: " + reply.body());
        }
        return reply.text("access_token");
    }

    /**
     * SIGTERM; the exit code, or an exception if the process takes longer than 60 s (its own
     * shutdown allows up to 30 s: 20 s for open requests, 10 s for background jobs).
     */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to the database. */
    public void kill() throws InterruptedException {
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

package io.invitekit.bench.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak in development mode ({@code bin/kc.sh start-dev}: its dev-file H2 database under
 * data/, local caches), on loopback ports of its own, with health checks on the management
 * interface. kc.sh runs Java as its child, or replaces itself with Java after Quarkus rebuilt the
 * server for the dev profile; {@link #java()} finds the Java process either way.
 */
final class KeycloakServer implements AutoCloseable {
    static final String ADMIN = "bench-admin";
    static final String ADMIN_PASSWORD = "a long bench admin password";

    private final KeycloakDistribution distribution;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;
    private long startedNanos;

    KeycloakServer(KeycloakDistribution distribution, Path log) throws IOException {
        this.distribution = distribution;
        this.port = ServerUnderTest.freePort();
        this.managementPort = ServerUnderTest.freePort();
        this.log = log;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The options the bench starts Keycloak with (health is a build option: the dev build is made with it). */
    List<String> command() {
        return List.of("bash", distribution.home().resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--health-enabled=true");
    }

    /** Launches kc.sh with JAVA_HOME set to the Temurin JDK and the bootstrap admin in its environment. */
    void launch() throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command()).directory(distribution.home().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_") || k.startsWith("JAVA_OPTS")
                || k.startsWith("INVITEKIT_"));
        env.put("JAVA_HOME", distribution.jdk().home().toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /** Polls /health/ready on the management port every 20 ms; the time from launch to its first 200. */
    Duration awaitReady(Duration within) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited early (status " + process.exitValue() + "); see " + log
                        + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Keycloak not ready within " + within + "; see " + log + ":\n" + tail());
    }

    /**
     * Whether kc.sh has replaced itself with Java: what it does after Quarkus rebuilt the server
     * (the first start of a freshly unpacked distribution in dev mode), so the build is persisted.
     */
    boolean relaunchedAfterBuild() {
        return isJava(process.toHandle());
    }

    /** The Java process running Keycloak (kc.sh itself after an exec, else its Java child). */
    Optional<ProcessHandle> java() {
        if (process == null) {
            return Optional.empty();
        }
        ProcessHandle root = process.toHandle();
        return isJava(root) ? Optional.of(root) : root.descendants().filter(KeycloakServer::isJava).findFirst();
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** VmRSS and VmHWM of the Java process, KiB. */
    long[] residentKib() throws IOException {
        ProcessHandle java = java().orElseThrow(() -> new IllegalStateException("no Keycloak Java process"));
        long rss = -1;
        long hwm = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(java.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, hwm};
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    Path logFile() {
        return log;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGTERM to the Java process and to kc.sh, SIGKILL after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        Optional<ProcessHandle> java = java();
        java.ifPresent(ProcessHandle::destroy);
        process.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (process.isAlive() || java.map(ProcessHandle::isAlive).orElse(false))) {
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        java.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }
}

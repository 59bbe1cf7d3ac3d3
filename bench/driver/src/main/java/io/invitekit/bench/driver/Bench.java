package io.invitekit.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The whole benchmark (bench/run calls it): Keycloak (the peer), then the baseline and the
 * Invitekit server on H2 and on PostgreSQL under wrk, accepts against Argon2id, durability, the
 * 10k-versus-1M scale run, start time and memory, JMH. Prints one markdown report, with the
 * issue's targets and their verdicts near the top and bench/notes/*.md at the end, and writes it
 * to bench/RESULTS.md (a partial run: bench/target/results-*.md), or to the file given by --out.
 */
public final class Bench {
    /** What every phase needs. */
    record Setup(Path root, Path work, List<String> jvmFlags, Duration warmup, Duration duration, Wrk wrk, String pgUrl,
                 int cores, Path serverJar, Path baselineJar, Path jmhJar, Path driverJar, boolean jmh) {
        List<String> driverClassPath() {
            return List.of("-cp", driverJar + ":" + serverJar);
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path out = null;
        boolean jmh = true;
        String peer = "keycloak"; // in the full run when it can be
        boolean peerOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--no-jmh" -> jmh = false;
                case "--no-peer" -> peer = null;
                case "--peer" -> {
                    peerOnly = true;
                    if (i + 1 >= args.length || !args[++i].equals("keycloak")) {
                        throw new IllegalArgumentException("--peer takes keycloak (the only peer)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--out FILE, --no-jmh, --no-peer, --peer keycloak)");
            }
        }
        String only = peerOnly ? "peer" : env("BENCH_ONLY", "all");
        if (out == null) {
            // The full run regenerates the committed report; a partial one must not overwrite it.
            out = root.resolve(only.equals("all") ? "bench/RESULTS.md" : "bench/target/results-" + only + ".md");
        }
        Path work = root.resolve("bench/target/run");
        deleteRecursively(work);
        Files.createDirectories(work);
        List<String> jvmFlags = System.getenv("BENCH_JVM_FLAGS") == null || System.getenv("BENCH_JVM_FLAGS").isBlank()
                ? serverFlags(root.resolve("bootstrap/jvm.options"))
                : Arrays.asList(System.getenv("BENCH_JVM_FLAGS").trim().split("\\s+"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(env("BENCH_WARMUP_SECONDS", "3")));
        Duration duration = Duration.ofSeconds(Long.parseLong(env("BENCH_SECONDS", "10")));
        Setup setup = new Setup(root, work, jvmFlags, warmup, duration, new Wrk(root.resolve("bench/wrk"), work), postgres(),
                Runtime.getRuntime().availableProcessors(),
                root.resolve("bootstrap/target/invitekit-server.jar"), root.resolve("bench/baseline/target/bench-baseline.jar"),
                root.resolve("bench/jmh/target/benchmarks.jar"), root.resolve("bench/driver/target/bench-driver.jar"), jmh);

        Report report = new Report();
        long started = System.nanoTime();
        Report.Slot loadAfter = header(report, setup);
        Report.Slot targets = report.slot();
        boolean peerMeasured = true;
        switch (only) {
            case "all" -> {
                if (peer != null) {
                    new KeycloakPhase(setup, report).run();
                } else {
                    report.scorecard().leftOut(Scorecard.KEYCLOAK, "--no-peer");
                }
                new HttpPhase(setup, report).run();
                new DurabilityPhase(setup, report).run();
                new DeliveryPhase(setup, report).run();
                new ScalePhase(setup, report).run();
                if (setup.jmh()) {
                    new JmhPhase(setup, report).run();
                }
            }
            case "peer" -> peerMeasured = new KeycloakPhase(setup, report).run();
            case "durability" -> new DurabilityPhase(setup, report).run();
            case "http" -> new HttpPhase(setup, report).run();
            case "delivery" -> new DeliveryPhase(setup, report).run();
            default -> throw new IllegalArgumentException("BENCH_ONLY=" + only + ": all (the default), http, durability or delivery");
        }
        loadAfter.fill(r -> r.note("- load average (1, 5, 15 min) at the end: " + loadAverage()));
        if (!only.equals("durability")) {
            targets.fill(r -> report.scorecard().print(r));
        }
        report.note(String.format(Locale.ROOT, "%nWhole run: %.1f min.", (System.nanoTime() - started) / 60e9));
        if (only.equals("all")) {
            Notes.append(report, root.resolve("bench/notes"));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.markdown());
        System.err.println("written to " + out);
        if (!peerMeasured) {
            System.exit(1);
        }
    }

    /** The run's header; returns the slot for the load average at the end. */
    private static Report.Slot header(Report report, Setup setup) throws Exception {
        report.title("Invitekit benchmarks");
        report.note("");
        report.note("- date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + ", commit `" + command(setup.root(), "git", "rev-parse", "--short", "HEAD").strip() + "`"
                + (command(setup.root(), "git", "status", "--porcelain").isBlank() ? "" : " (with local changes)"));
        report.note("- machine: " + setup.cores() + " cores (nproc), " + memory() + " memory, "
                + command(setup.root(), "wrk", "-v").lines().findFirst().orElse("wrk ?").replaceAll("\\s*Copyright.*", "").strip());
        report.note("- JDK for Invitekit, its baseline and the driver: "
                + command(setup.root(), "java", "-version").lines().findFirst().orElse("?").strip()
                + " (" + command(setup.root(), "java", "-version").lines().skip(2).findFirst().orElse("").strip() + ")");
        report.note("- JDK for Keycloak: " + KeycloakDistribution.temurin()
                .map(jdk -> jdk.version() + " (" + jdk.home() + ")").orElse("none (no Temurin 21+ under /usr/lib/jvm)"));
        report.note("- load average (1, 5, 15 min) at the start: " + loadAverage()
                + " (other work on the machine counts in it)");
        Report.Slot loadAfter = report.slot();
        report.note("- load: the servers, wrk and (for PostgreSQL) the database share these cores; wrk -t2, "
                + setup.warmup().toSeconds() + " s warm-up then " + setup.duration().toSeconds() + " s measured per row");
        report.note("- JVM flags, the same for the Invitekit server and the baselines (bootstrap/jvm.options unless BENCH_JVM_FLAGS): `" + String.join(" ", setup.jvmFlags()) + "`");
        report.note("- PostgreSQL: " + (setup.pgUrl() == null ? "not reachable: its rows are left out"
                : "the machine's server, a fresh schema per run, dropped after"));
        if (setup.pgUrl() == null) {
            report.scorecard().leftOut(Goals.POSTGRESQL, "not reachable");
        }
        return loadAfter;
    }

    /** The 1, 5 and 15 minute load averages (/proc/loadavg). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }

    /** The flags README's run command gives the server ({@code java @bootstrap/jvm.options …}): one flag a line, # comments. */
    static List<String> serverFlags(Path file) throws IOException {
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String flag = line.replaceAll("#.*", "").strip();
            if (!flag.isEmpty()) {
                flags.addAll(Arrays.asList(flag.split("\\s+")));
            }
        }
        return flags;
    }

    private static String postgres() {
        String url = env("INVITEKIT_BENCH_PG_URL", env("INVITEKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        try (Connection ignored = DriverManager.getConnection(url)) {
            return url;
        } catch (SQLException unreachable) {
            System.err.println("PostgreSQL not reachable at " + url + ": " + unreachable.getMessage());
            return null;
        }
    }

    private static String memory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    static String command(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}

package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;

import io.invitekit.bench.driver.Scorecard.Figure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The peer: Keycloak 26.4 in development mode on the same machine, in the same run, driven the
 * way Invitekit's create-invitation row is (wrk, 2 threads, 16 connections, the same warm-up and
 * measured seconds, a new email address per request) through
 * {@code POST /admin/realms/{realm}/organizations/{id}/members/invite-user}, with its emails going
 * to the bench's own SMTP sink. Records Keycloak's rates, its resident memory after the load and
 * its launch-to-ready time in the {@link Scorecard}, then stops it.
 *
 * <p>The full run measures Keycloak first, right before Invitekit's rows on H2: the two create
 * loads are then only minutes apart with nothing heavy between them (the scale phase's million
 * rows come after both), and a Keycloak that cannot be fetched or started is known, and said,
 * before the long part of the run.
 */
final class KeycloakPhase {
    static final String REALM = "bench";
    private static final int CALLERS = 16;
    private static final int THREADS = 2;
    private static final Duration READY_WITHIN = Duration.ofMinutes(15);

    private final Bench.Setup setup;
    private final Report report;

    KeycloakPhase(Bench.Setup setup, Report report) {
        this.setup = setup;
        this.report = report;
    }

    /** What the phase measured. */
    record Measured(String jdk, Duration build, Duration ready, Wrk.Result warm, Wrk.Result load, long delivered,
                    long deliveredWarm, long[] rssKib) {
        long created() {
            return load.ok();
        }

        /** Calls answered 2xx whose email is at the sink (each is sent before the call answers). */
        long createdAndDelivered() {
            return Math.min(load.ok(), delivered);
        }
    }

    /** Measures Keycloak, or says in the report why it was left out; true if it was measured. */
    boolean run() {
        report.section("Keycloak " + KeycloakDistribution.VERSION + " in the same run (the peer)");
        try {
            KeycloakDistribution distribution = KeycloakDistribution.prepare(setup.root(), mavenArgs());
            Measured measured = measure(distribution);
            if (measured.created() == 0) {
                // No rate to compare with: on a machine this busy the calls outlast the measured seconds.
                leftOut(String.format(Locale.ROOT, "no invite-user call was answered 2xx within the %d s measured (%d non-2xx, "
                        + "%d socket errors; ready after %.0f s; load average %s); see %s", setup.duration().toSeconds(),
                        measured.load().non2xx(), measured.load().socketErrors(), measured.ready().toMillis() / 1000.0,
                        Bench.loadAverage(), setup.work().resolve("keycloak/keycloak.log")));
                return false;
            }
            print(distribution, measured);
            return true;
        } catch (KeycloakDistribution.Unavailable unavailable) {
            leftOut(unavailable.getMessage());
        } catch (Exception failed) {
            failed.printStackTrace();
            String message = failed.getMessage() == null ? failed.toString() : failed.getMessage();
            leftOut("the phase failed: " + message.lines().findFirst().orElse(failed.toString()));
        }
        return false;
    }

    private void leftOut(String why) {
        report.note("Left out: " + why + ".");
        report.scorecard().leftOut(Scorecard.KEYCLOAK, why);
        System.err.println("Keycloak left out: " + why);
    }

    private static List<String> mavenArgs() {
        String args = Bench.env("MAVEN_ARGS", "").trim();
        return args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+"));
    }

    private Measured measure(KeycloakDistribution distribution) throws Exception {
        Duration build = buildForDevOnce(distribution);
        // An empty database, as Invitekit's first start: dev mode keeps H2 files under data/.
        Bench.deleteRecursively(distribution.home().resolve("data"));
        try (SmtpSink sink = new SmtpSink();
             KeycloakServer keycloak = new KeycloakServer(distribution, setup.work().resolve("keycloak/keycloak.log"))) {
            keycloak.launch();
            Duration ready = keycloak.awaitReady(READY_WITHIN);
            System.err.printf(Locale.ROOT, "Keycloak ready after %.1f s%n", ready.toMillis() / 1000.0);

            KeycloakAdmin admin = new KeycloakAdmin(keycloak.base());
            admin.login();
            // Keycloak's admin tokens live 60 s by default; the load must not outlive its token.
            Duration load = setup.warmup().plus(setup.duration());
            admin.accessTokenLifespan(Duration.ofHours(1).plus(load.multipliedBy(2)));
            String token = admin.login();
            admin.createRealm(REALM, sink.port());
            String organization = admin.createOrganization(REALM, "Bench", "bench.test");
            admin.inviteUser(REALM, organization, "kc-probe@bench.test");
            HttpPhase.await("Keycloak's probe invitation at the sink", () ->
                    sink.recipientsStartingWith("kc-probe@") == 1 ? true : null);

            String url = keycloak.base() + KeycloakAdmin.invitePath(REALM, organization);
            Wrk.Result warm = setup.wrk().run("keycloak_invite.lua", url, THREADS, CALLERS, setup.warmup(), token, "kc-w");
            Wrk.Result measured = setup.wrk().run("keycloak_invite.lua", url, THREADS, CALLERS, setup.duration(), token, "kc-m");
            long delivered = sink.recipientsStartingWith("kc-m-");
            long deliveredWarm = sink.recipientsStartingWith("kc-w-");
            long[] rss = keycloak.residentKib();
            return new Measured(distribution.jdk().version(), build, ready, warm, measured, delivered, deliveredWarm, rss);
        }
    }

    /**
     * The first start of a freshly unpacked distribution in dev mode rebuilds the server (Quarkus'
     * augmentation) before it starts; that is once per unpacking, so it is done here, not timed
     * as the start. Returns how long it took, or zero if an earlier run did it.
     */
    private Duration buildForDevOnce(KeycloakDistribution distribution) throws Exception {
        java.nio.file.Path done = distribution.home().resolve(".bench-dev-build");
        if (java.nio.file.Files.exists(done)) {
            return Duration.ZERO;
        }
        System.err.println("Keycloak: the first start in dev mode after unpacking (Quarkus builds the server) ...");
        long started = System.nanoTime();
        try (KeycloakServer keycloak = new KeycloakServer(distribution, setup.work().resolve("keycloak/first-start.log"))) {
            keycloak.launch();
            long deadline = System.nanoTime() + READY_WITHIN.toNanos();
            // Done once kc.sh has replaced itself with the rebuilt server (or, if nothing needed building, once ready).
            while (!keycloak.relaunchedAfterBuild()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Keycloak's first start did not finish within " + READY_WITHIN + "; see "
                            + keycloak.logFile());
                }
                try {
                    keycloak.awaitReady(Duration.ofMillis(200));
                    break;
                } catch (IllegalStateException notYet) {
                    if (notYet.getMessage().startsWith("Keycloak exited")) {
                        throw notYet;
                    }
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        java.nio.file.Files.writeString(done, "Quarkus built this distribution for dev mode (bench/run)\n");
        return took;
    }

    private void print(KeycloakDistribution distribution, Measured m) {
        double seconds = m.load().seconds();
        double created = m.created() / seconds;
        double delivered = m.createdAndDelivered() / seconds;
        double rssMib = m.rssKib()[0] / 1024.0;
        Scorecard scorecard = report.scorecard();
        scorecard.put(Figure.START_EMPTY_SECONDS, Scorecard.KEYCLOAK, m.ready().toMillis() / 1000.0);
        scorecard.put(Figure.RSS_MIB, Scorecard.KEYCLOAK, rssMib);
        scorecard.put(Figure.CREATED_PER_SECOND, Scorecard.KEYCLOAK, created);
        scorecard.put(Figure.DELIVERED_PER_SECOND, Scorecard.KEYCLOAK, delivered);

        report.note("`bin/kc.sh start-dev` (dev mode: its dev-file H2 database, emptied before the start; local caches) "
                + "from `" + KeycloakDistribution.ARTIFACT + "` (fetched with Maven into bench/target/keycloak on the first "
                + "run), on " + m.jdk() + " (" + distribution.jdk().home() + "), with kc.sh's own JVM flags (its default "
                + "heap `-Xms64m -Xmx512m`, G1), health checks on the management port. Set up through the admin REST API: "
                + "admin access tokens made to live past the load, a realm with organizations on and SMTP at the bench's sink "
                + "(bench/driver SmtpSink, the one Invitekit's rows send to), an organization with the domain bench.test. "
                + "Load: wrk, " + THREADS + " threads, " + CALLERS + " connections, " + setup.warmup().toSeconds()
                + " s warm-up then " + setup.duration().toSeconds() + " s measured (as Invitekit's create row), "
                + "`POST /admin/realms/{realm}/organizations/{id}/members/invite-user` with a form of a new email address, "
                + "firstName and lastName per request (bench/wrk/keycloak_invite.lua). Keycloak sends the email before it "
                + "answers, so created and delivered are the same calls: delivered = measured calls answered 2xx whose "
                + "address got its email at the sink. Measured before Invitekit's rows, minutes apart (why: bench/driver "
                + "KeycloakPhase).");
        Report.Table table = report.table("measure", "value");
        if (!m.build().isZero()) {
            table.row("first start after unpacking (Quarkus builds the server for dev mode; once, not counted)",
                    num(m.build().toMillis() / 1000.0) + " s");
        }
        table.row("launch to first 200 from /health/ready, empty database", num(m.ready().toMillis() / 1000.0) + " s");
        table.row("invite-user calls answered 2xx per second (16 callers)", num(created) + " (" + m.created() + " in "
                + num(seconds) + " s; p50 " + num(m.load().p50Ms()) + " ms, p99 " + num(m.load().p99Ms()) + " ms; non-2xx "
                + m.load().non2xx() + (m.load().socketErrors() > 0 ? ", socket errors " + m.load().socketErrors() : "") + ")");
        table.row("created and delivered per second", num(delivered) + " (" + m.delivered() + " emails for the measured "
                + "calls' addresses; warm-up: " + m.warm().ok() + " calls answered 2xx, " + m.deliveredWarm() + " emails)");
        table.row("resident memory (VmRSS) of the Java process after the load", num(rssMib) + " MiB (peak VmHWM "
                + num(m.rssKib()[1] / 1024.0) + " MiB)");
    }
}

package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;
import static io.invitekit.bench.driver.Report.ratio;

import io.invitekit.bench.driver.Scorecard.Figure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * wrk against the raw Javalin baseline and against the Invitekit server on H2 and PostgreSQL:
 * preview, /api/me, join, create invitation (then the outbox must drain), accept (against the
 * Argon2id rate of the same cores); start-to-ready time and resident memory.
 */
final class HttpPhase {
    private static final int CALLERS = 16;
    private static final int MEMBERS = 32;

    private final Bench.Setup setup;
    private final Report report;

    HttpPhase(Bench.Setup setup, Report report) {
        this.setup = setup;
        this.report = report;
    }

    /** What one server run gave. */
    record ServerRun(String store, Wrk.Result baseGet, Wrk.Result preview, Wrk.Result me, Wrk.Result join,
                     Wrk.Result basePost, Wrk.Result create, long createdAnswers, long created, long delivered, long messages,
                     long distinctMessageIds, Duration drain, double hashRate, Wrk.Result accept, Duration readyFresh,
                     Duration readyAgain, long rssKib, long peakKib, double acceptGcSeconds) {
    }

    void run() throws Exception {
        List<ServerRun> runs = new ArrayList<>();
        long[] baselineRss;
        try (JavaProcess baseline = startBaseline()) {
            String url = "http://127.0.0.1:" + baselinePort + "/json";
            runs.add(server("H2", null, url));
            if (setup.pgUrl() != null) {
                runs.add(server("PostgreSQL", setup.pgUrl(), url));
            }
            baselineRss = baseline.residentKib();
        }
        print(runs, baselineRss);
    }

    private int baselinePort;

    /** The baseline runs for the whole phase; each of its figures is taken just before the figure it is compared with. */
    private JavaProcess startBaseline() throws Exception {
        baselinePort = ServerUnderTest.freePort();
        JavaProcess baseline = JavaProcess.start("baseline", setup.jvmFlags(),
                List.of("-jar", setup.baselineJar().toString(), Integer.toString(baselinePort)), Map.of(),
                setup.work().resolve("baseline"));
        baseline.awaitHttp200("http://127.0.0.1:" + baselinePort + "/json", Duration.ofSeconds(60));
        return baseline;
    }

    /** The server's own Argon2id hasher, default parameters, one thread per core, in a JVM with the same flags. */
    private double argon2HashesPerSecond() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(setup.jvmFlags());
        command.addAll(setup.driverClassPath());
        command.addAll(List.of(Argon2Rate.class.getName(), Integer.toString(setup.cores()),
                Long.toString(setup.duration().toSeconds())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(setup.duration().toSeconds() + 60, TimeUnit.SECONDS) || !output.contains("ARGON2 ")) {
            throw new IllegalStateException("the Argon2id baseline failed:\n" + output);
        }
        String[] parts = output.substring(output.indexOf("ARGON2 ")).trim().split("\\s+");
        return Long.parseLong(parts[1]) / Double.parseDouble(parts[2]);
    }

    private Wrk.Result measure(String script, String url, int connections, String... args) throws Exception {
        setup.wrk().run(script, url, 2, connections, setup.warmup(), args);
        return setup.wrk().run(script, url, 2, connections, setup.duration(), args);
    }

    private ServerRun server(String store, String pgBase, String baselineUrl) throws Exception {
        try (SmtpSink sink = new SmtpSink();
             ServerUnderTest server = new ServerUnderTest(setup, store, pgBase, sink.port(), Map.of())) {
            Duration readyFresh = server.start();
            Api api = new Api(server.base());
            String admin = api.adminToken();

            api.invite(admin, SmtpSink.WITH_TOKEN + "preview@bench.test");
            String previewToken = await("the preview invitation's email", () ->
                    sink.tokensFor(SmtpSink.WITH_TOKEN + "preview@").stream().findFirst().orElse(null));

            String owner = api.signup("owner@bench.test");
            String family = api.call("POST", "/api/tenants/", owner, Map.of("name", "Bench Family"), 201).path("id").asText();
            String code = api.call("GET", "/api/tenants/" + family + "/invite-code", owner, null, 200).path("code").asText();
            List<String> members = parallel(MEMBERS, i -> {
                String member = api.signup("member-" + i + "@bench.test");
                api.call("POST", "/api/join", member, Map.of("code", code), 200);
                return member;
            });
            Path memberTokens = Files.write(setup.work().resolve("members-" + store + ".txt"), members);

            // Accept tokens for twice a generous guess of the accept rate (one hash per core every 40 ms).
            double guess = setup.cores() * 25.0;
            int warmTokens = (int) Math.ceil(guess * setup.warmup().toSeconds() * 2) + 20;
            int measuredTokens = (int) Math.ceil(guess * setup.duration().toSeconds() * 2) + 40;
            String acceptPrefix = SmtpSink.WITH_TOKEN + "accept-";
            parallel(warmTokens + measuredTokens, i -> {
                api.invite(admin, acceptPrefix + i + "@bench.test");
                return null;
            });
            List<String> tokens = await("the accept invitations' emails", () -> {
                List<String> found = sink.tokensFor(acceptPrefix);
                return found.size() >= warmTokens + measuredTokens ? found : null;
            });
            Path warmFile = Files.write(setup.work().resolve("accept-warm-" + store + ".txt"), tokens.subList(0, warmTokens));
            Path measuredFile = Files.write(setup.work().resolve("accept-" + store + ".txt"),
                    tokens.subList(warmTokens, tokens.size()));

            Wrk.Result baseGet = measure("plain.lua", baselineUrl, CALLERS);
            Wrk.Result preview = measure("preview.lua", server.base() + "/api/platform/tenant-invitations/token/" + previewToken,
                    CALLERS);
            Wrk.Result me = measure("authorized_get.lua", server.base() + "/api/me", CALLERS, owner);
            Wrk.Result join = measure("join.lua", server.base() + "/api/join", CALLERS, code, memberTokens.toString());

            Wrk.Result basePost = measure("post_json.lua", baselineUrl, CALLERS, store.toLowerCase());
            String create = server.base() + "/api/platform/tenant-invitations/";
            long createdBefore = createdInLog(server);
            Wrk.Result createWarm = setup.wrk().run("create_invitation.lua", create, 2, CALLERS, setup.warmup(), admin, "create-w");
            Wrk.Result created = setup.wrk().run("create_invitation.lua", create, 2, CALLERS, setup.duration(), admin, "create-m");
            long loadEnded = System.nanoTime();
            await("the outbox drains", () -> api.backlog() == 0 ? true : null);
            Duration drain = Duration.ofNanos(System.nanoTime() - loadEnded);
            long createdByServer = createdInLog(server) - createdBefore;
            long delivered = sink.recipientsStartingWith("create-");

            double hashRate = argon2HashesPerSecond();
            setup.wrk().run("accept.lua", server.base(), 2, 4, setup.warmup(), warmFile.toString(), "2", "aw");
            double gcBefore = JavaProcess.gcSeconds(server.pid());
            Wrk.Result accept = setup.wrk().run("accept.lua", server.base(), 2, 4, setup.duration(), measuredFile.toString(), "2", "am");
            double acceptGc = JavaProcess.gcSeconds(server.pid()) - gcBefore;

            long[] rss = server.residentKib();
            Files.writeString(setup.work().resolve("server-" + store + ".log"), server.log());
            server.stop();
            Duration readyAgain = pgBase == null ? server.start() : null;
            return new ServerRun(store, baseGet, preview, me, join, basePost, created, createWarm.ok() + created.ok(),
                    createdByServer, delivered, sink.messages(), sink.distinctMessageIds(), drain, hashRate, accept,
                    readyFresh, readyAgain, rss[0], rss[1], acceptGc);
        }
    }

    /** Invitations the server has answered 201 for, from its request log. */
    private static long createdInLog(ServerUnderTest server) throws Exception {
        return server.log().lines().filter(l -> l.contains("POST /api/platform/tenant-invitations/ 201")).count();
    }

    private void print(List<ServerRun> runs, long[] baselineRss) {
        report.section("HTTP under wrk (" + CALLERS + " connections)");
        report.note("Baseline: a raw Javalin 7 JSON endpoint (bench/baseline) with the same JVM flags, answering JSON shaped "
                + "like a preview; it is measured just before the rows compared with it (the cores are shared with other "
                + "work, so figures taken minutes apart differ). Ratios: preview and /api/me to the baseline GET above them, "
                + "join to preview, create to the baseline POST above it.");
        Report.Table http = report.table("endpoint", "store", "req/s", "p50 ms", "p99 ms", "non-2xx", "ratio", "target");
        Scorecard scorecard = report.scorecard();
        double keycloakCalls = scorecard.value(Figure.CREATED_PER_SECOND, Scorecard.KEYCLOAK);
        for (ServerRun run : runs) {
            row(http, "baseline GET /json", run, run.baseGet(), "1.00× (baseline)", "");
            double preview = run.preview().rps() / run.baseGet().rps();
            double me = run.me().rps() / run.baseGet().rps();
            double join = run.join().rps() / run.preview().rps();
            scorecard.put(Figure.PREVIEW_RATIO, run.store(), preview, num(run.preview().rps()) + " vs " + num(run.baseGet().rps())
                    + " req/s");
            scorecard.put(Figure.ME_RATIO, run.store(), me, num(run.me().rps()) + " vs " + num(run.baseGet().rps()) + " req/s");
            row(http, "token preview GET", run, run.preview(), ratio(preview) + " baseline GET",
                    Goals.preview(run.store()).cell(preview));
            row(http, "GET /api/me", run, run.me(), ratio(me) + " baseline GET", Goals.me(run.store()).cell(me));
            row(http, "join (already a member)", run, run.join(), ratio(join) + " preview", Goals.JOIN_OF_PREVIEW.cell(join));
            row(http, "baseline POST /json", run, run.basePost(), "1.00× (baseline)", "");
            double create = run.create().rps();
            row(http, "create invitation (POST)", run, run.create(), ratio(create / run.basePost().rps()) + " baseline POST"
                    + (Double.isNaN(keycloakCalls) ? "" : "; " + ratio(create / keycloakCalls) + " Keycloak's invite-user calls/s ("
                    + num(keycloakCalls) + ")"), "");
        }

        report.section("Every created invitation's email delivered");
        report.note("The server sends through SMTP to a sink in the bench driver (bench/driver SmtpSink) that answers at once; "
                + "the outbox relay runs with the product's defaults (two relay threads per node, each going on while "
                + "batches of 50 come back full, each batch over one SMTP connection). Created = 201s in the server's "
                + "request log during the two create runs (wrk counts only the answers that arrive before it stops).");
        report.note("Created per second: those invitations over the warm-up and measured seconds; created and delivered "
                + "per second: the delivered ones over the same seconds plus the time the outbox took to empty. "
                + "Keycloak's: bench/driver KeycloakPhase.");
        Report.Table mail = report.table("store", "invitations created (warm-up + measured)", "delivered to their addresses",
                "distinct Message-IDs / messages (whole run)", "outbox empty after the load ended", "created per second",
                "created and delivered, per second", "÷ created", "÷ Keycloak's");
        for (ServerRun run : runs) {
            double window = setup.warmup().toSeconds() + setup.duration().toSeconds();
            double seconds = window + run.drain().toMillis() / 1000.0;
            double created = run.created() / window;
            double delivered = Math.min(run.delivered(), run.created()) / seconds;
            scorecard.put(Figure.CREATED_PER_SECOND, run.store(), created);
            scorecard.put(Figure.DELIVERED_PER_SECOND, run.store(), delivered);
            mail.row(run.store(), run.created() + " (wrk saw " + run.createdAnswers() + ")",
                    run.delivered() + (run.delivered() == run.created() ? " (all)" : " (NOT all)"),
                    run.distinctMessageIds() + " / " + run.messages(), "+" + num(run.drain().toMillis() / 1000.0) + " s",
                    num(created), num(delivered),
                    ratio(scorecard.deliveredOfCreated(run.store())) + ", " + Goals.DELIVERED_OF_CREATED.cell(
                            scorecard.deliveredOfCreated(run.store())),
                    keycloakRatio(scorecard.deliveredOfKeycloak(run.store()), Goals.DELIVERED_OF_KEYCLOAK));
        }

        report.section("Accept against Argon2id");
        report.note(String.format(Locale.ROOT, "Each accept hashes one new password with the configured Argon2id (m=19456 KiB, "
                + "t=2, p=1). Baseline: the server's own hasher on %d threads (one per core) in a JVM with the same flags, "
                + "run just before the accepts. wrk: 2 threads, 4 connections, a new invitation token per request.",
                setup.cores()));
        report.note("GC: the server's time in garbage collection during the measured accept row (jstat's GCT after "
                + "minus before), and its share of the row's wall time.");
        Report.Table accept = report.table("store", "accepts/s", "p50 ms", "p99 ms", "non-2xx", "GC during the row",
                "Argon2id hashes/s", "ratio", "target");
        for (ServerRun run : runs) {
            double r = run.accept().rps() / run.hashRate();
            scorecard.put(Figure.ACCEPT_RATIO, run.store(), r, num(run.accept().rps()) + " vs " + num(run.hashRate()) + "/s");
            accept.row(run.store(), num(run.accept().rps()), num(run.accept().p50Ms()), num(run.accept().p99Ms()),
                    run.accept().non2xx(), String.format(Locale.ROOT, "%s s (%.1f %%)", num(run.acceptGcSeconds()),
                            100 * run.acceptGcSeconds() / setup.duration().toSeconds()),
                    num(run.hashRate()), ratio(r), Goals.ACCEPT_OF_HASHES.cell(r));
        }

        report.section("Start and memory");
        Report.Table start = report.table("measure", "store", "value", "target");
        for (ServerRun run : runs) {
            double fresh = run.readyFresh().toMillis() / 1000.0;
            scorecard.put(Figure.START_EMPTY_SECONDS, run.store(), fresh);
            start.row("launch to first 200 from /health/ready, empty database (migrations, first admin)", run.store(),
                    num(fresh) + " s", run.store().equals(Goals.H2) ? Goals.START_SECONDS.cell(fresh) : "");
            if (run.readyAgain() != null) {
                double again = run.readyAgain().toMillis() / 1000.0;
                scorecard.put(Figure.START_EXISTING_SECONDS, run.store(), again);
                start.row("launch to ready, existing database", run.store(), num(again) + " s", Goals.START_SECONDS.cell(again));
            }
            double mib = run.rssKib() / 1024.0;
            scorecard.put(Figure.RSS_MIB, run.store(), mib);
            start.row("resident memory (RSS) after the load above", run.store(), num(mib) + " MiB ("
                    + ratio(run.rssKib() / (double) baselineRss[0]) + " the baseline's)",
                    keycloakRatio(scorecard.rssOfKeycloak(run.store()), Goals.RSS_OF_KEYCLOAK));
            start.row("peak resident memory (VmHWM)", run.store(), num(run.peakKib() / 1024.0) + " MiB", "");
        }
        start.row("baseline (raw Javalin) RSS after its load, same flags", "—", num(baselineRss[0] / 1024.0) + " MiB", "");
    }

    /** "0.62× Keycloak's: ≤ 0.40× Keycloak's: missed (…)", or why there is no ratio. */
    private String keycloakRatio(double ratio, Target target) {
        if (Double.isNaN(ratio)) {
            String why = report.scorecard().whyLeftOut(Scorecard.KEYCLOAK);
            return target.goal() + ": Keycloak not measured" + (why == null ? "" : " (" + why + ")");
        }
        return ratio(ratio) + "; " + target.cell(ratio);
    }

    private static void row(Report.Table table, String endpoint, ServerRun run, Wrk.Result r, String ratio, String target) {
        String store = endpoint.startsWith("baseline") ? "(before " + run.store() + ")" : run.store();
        table.row(endpoint, store, num(r.rps()), num(r.p50Ms()), num(r.p99Ms()),
                r.non2xx() + (r.socketErrors() > 0 ? " (+" + r.socketErrors() + " socket errors)" : ""), ratio, target);
    }

    interface Step<T> {
        T run(int i) throws Exception;
    }

    /** {@code count} setup calls on 8 threads, in order of i. */
    static <T> List<T> parallel(int count, Step<T> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> step.run(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls every 50 ms until {@code check} answers, for at most 5 minutes. */
    static <T> T await(String what, Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            T answer = check.call();
            if (answer != null) {
                return answer;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }
}

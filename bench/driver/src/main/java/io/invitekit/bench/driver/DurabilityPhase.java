package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;
import static io.invitekit.bench.driver.Report.ratio;

import io.invitekit.adapter.jdbi.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What durable commits cost on H2: create invitation and join (each join a new membership) on
 * the default URL, which the server runs with WRITE_DELAY=0, against the same URL with
 * WRITE_DELAY=500 (H2's own default, which loses commits on kill -9), one after the other in
 * the same run.
 */
final class DurabilityPhase {
    private static final int CALLERS = 16;
    private static final int THREADS = 2;
    private static final int OWNERS = 20;
    private static final int FAMILIES_PER_OWNER = 10; // within the per-account cap on owned tenants
    private static final int JOINERS = 200;

    private final Bench.Setup setup;
    private final Report report;

    DurabilityPhase(Bench.Setup setup, Report report) {
        this.setup = setup;
        this.report = report;
    }

    record Variant(String label, String directory, Map<String, String> env) {
    }

    record Run(Variant variant, Wrk.Result create, Wrk.Result join, int joinPairs) {
    }

    void run() throws Exception {
        Map<String, String> cheapHashes = Map.of("INVITEKIT_ARGON2_MEMORY_KIB", "1024", "INVITEKIT_ARGON2_ITERATIONS", "1");
        Variant durable = new Variant("default URL (the server adds WRITE_DELAY=0)", "H2-durable", cheapHashes);
        Map<String, String> delayedEnv = new java.util.HashMap<>(cheapHashes);
        delayedEnv.put("INVITEKIT_DB_URL", DatabaseSettings.DEFAULT_URL + ";WRITE_DELAY=500");
        Variant delayed = new Variant("default URL + WRITE_DELAY=500 (H2's default)", "H2-delay500", delayedEnv);
        List<Run> runs = List.of(measure(durable), measure(delayed));
        print(runs);
    }

    private Run measure(Variant variant) throws Exception {
        try (SmtpSink sink = new SmtpSink();
             ServerUnderTest server = new ServerUnderTest(setup, variant.directory(), null, sink.port(), variant.env())) {
            server.start();
            Api api = new Api(server.base());
            String admin = api.adminToken();

            List<String> codes = new ArrayList<>();
            for (String owner : HttpPhase.parallel(OWNERS, i -> api.signup("owner-" + i + "@durability.test"))) {
                codes.addAll(HttpPhase.parallel(FAMILIES_PER_OWNER, i -> {
                    String family = api.call("POST", "/api/tenants/", owner, Map.of("name", "Family " + i), 201).path("id").asText();
                    return api.call("GET", "/api/tenants/" + family + "/invite-code", owner, null, 200).path("code").asText();
                }));
            }
            List<String> joiners = HttpPhase.parallel(JOINERS, i -> api.signup("joiner-" + i + "@durability.test"));
            // Every (joiner, family) pair once, shuffled so that concurrent joins spread over families and users.
            List<String> pairs = new ArrayList<>(joiners.size() * codes.size());
            for (String joiner : joiners) {
                for (String code : codes) {
                    pairs.add(joiner + " " + code);
                }
            }
            Collections.shuffle(pairs, new Random(42));
            int warmPairs = pairs.size() / 4;
            Path warmFile = Files.write(setup.work().resolve("join-pairs-warm-" + variant.directory() + ".txt"),
                    pairs.subList(0, warmPairs));
            Path measuredFile = Files.write(setup.work().resolve("join-pairs-" + variant.directory() + ".txt"),
                    pairs.subList(warmPairs, pairs.size()));

            String join = server.base() + "/api/join";
            setup.wrk().run("join_new.lua", join, THREADS, CALLERS, setup.warmup(), warmFile.toString(), Integer.toString(THREADS));
            Wrk.Result joined = setup.wrk().run("join_new.lua", join, THREADS, CALLERS, setup.duration(),
                    measuredFile.toString(), Integer.toString(THREADS));

            String create = server.base() + "/api/platform/tenant-invitations/";
            setup.wrk().run("create_invitation.lua", create, THREADS, CALLERS, setup.warmup(), admin, "durable-w");
            Wrk.Result created = setup.wrk().run("create_invitation.lua", create, THREADS, CALLERS, setup.duration(), admin,
                    "durable-m");
            Files.writeString(setup.work().resolve("server-" + variant.directory() + ".log"), server.log());
            return new Run(variant, created, joined, pairs.size() - warmPairs);
        }
    }

    private void print(List<Run> runs) {
        report.section("What durability costs on H2");
        report.note("The server runs every H2 database on disk with WRITE_DELAY=0 (README, \"Durability\"): each commit is "
                + "written to the file before it is answered. Against it, the same URL with WRITE_DELAY=500, H2's own "
                + "default, which batches commits in memory and lost answered writes on kill -9. One server after the other, "
                + "each on a fresh database under ./data; wrk -t" + THREADS + ", " + CALLERS + " connections, "
                + setup.warmup().toSeconds() + " s warm-up then " + setup.duration().toSeconds() + " s measured. Join: every "
                + "request a user joining a family it is not yet in (a membership written; " + OWNERS * FAMILIES_PER_OWNER
                + " families × " + JOINERS + " users, each pair once). Create: a new invitation per request (an invitation "
                + "and its outbox email written), while the relay sends the emails to a sink.");
        Report.Table table = report.table("operation", "H2 URL", "req/s", "p50 ms", "p99 ms", "non-2xx", "durable / WRITE_DELAY=500");
        Run durable = runs.get(0);
        Run delayed = runs.get(1);
        for (Run run : runs) {
            boolean isDurable = run == durable;
            table.row("join (new member)", run.variant().label(), num(run.join().rps()), num(run.join().p50Ms()),
                    num(run.join().p99Ms()), failures(run.join()) + (run.join().requests() > run.joinPairs()
                            ? " (pairs ran out: some joins were already members)" : ""),
                    isDurable ? ratio(durable.join().rps() / delayed.join().rps()) : "1.00×");
        }
        for (Run run : runs) {
            boolean isDurable = run == durable;
            table.row("create invitation (POST)", run.variant().label(), num(run.create().rps()), num(run.create().p50Ms()),
                    num(run.create().p99Ms()), failures(run.create()),
                    isDurable ? ratio(durable.create().rps() / delayed.create().rps()) : "1.00×");
        }
    }

    private static String failures(Wrk.Result r) {
        return r.non2xx() + (r.socketErrors() > 0 ? " (+" + r.socketErrors() + " socket errors)" : "");
    }
}

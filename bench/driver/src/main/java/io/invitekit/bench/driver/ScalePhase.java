package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;
import static io.invitekit.bench.driver.Report.ratio;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The same list page and token lookup over HTTP with 10,000 and then 1,000,000 invitations in
 * PostgreSQL (loaded with one INSERT … SELECT FROM generate_series each), and the expiry sweeper
 * working through a million invitations that are all due.
 */
final class ScalePhase {
    private static final int SMALL = 10_000;
    private static final int LARGE = 1_000_000;
    private static final int SWEEP_BATCH = 500; // the product's default sweepBatchSize

    private final Bench.Setup setup;
    private final Report report;

    ScalePhase(Bench.Setup setup, Report report) {
        this.setup = setup;
        this.report = report;
    }

    void run() throws Exception {
        report.section("Scale on PostgreSQL: 10k versus 1M invitations");
        if (setup.pgUrl() == null) {
            report.note("Left out: PostgreSQL is not reachable.");
            return;
        }
        try (SmtpSink sink = new SmtpSink();
             ServerUnderTest server = new ServerUnderTest(setup, "PostgreSQL-scale", setup.pgUrl(), sink.port(), Map.of())) {
            server.start();
            String admin = new Api(server.base()).adminToken();
            String adminId = single(server.jdbcUrl(), "SELECT CAST(id AS text) FROM invitekit_accounts WHERE email = '" + Api.ADMIN_EMAIL + "'");
            String list = server.base() + "/api/platform/tenant-invitations/?limit=50";

            load(server.jdbcUrl(), 1, SMALL, adminId);
            Wrk.Result listSmall = latency("authorized_get.lua", list, admin);
            Wrk.Result lookupSmall = latency("lookup_random.lua", server.base(), Integer.toString(SMALL));

            long started = System.nanoTime();
            load(server.jdbcUrl(), SMALL + 1, LARGE, adminId);
            Duration loadTime = Duration.ofNanos(System.nanoTime() - started);
            Wrk.Result listLarge = latency("authorized_get.lua", list, admin);
            Wrk.Result lookupLarge = latency("lookup_random.lua", server.base(), Integer.toString(LARGE));
            server.stop();

            long[] sweep = sweep(server.jdbcUrl());

            report.note("wrk with 1 connection (latency without queueing); the lookup is the preview of a random one of the "
                    + "loaded invitations (all PENDING), the list the first page of 50, newest first. Loading "
                    + String.format(Locale.ROOT, "%,d", LARGE - SMALL) + " more rows took " + num(loadTime.toMillis() / 1000.0)
                    + " s.");
            Report.Table table = report.table("measure", "10k: p50 / p99 ms", "1M: p50 / p99 ms", "req/s 10k → 1M",
                    "ratio 1M / 10k (p50)", "target");
            compare(table, "list page (GET /api/platform/tenant-invitations/?limit=50)", listSmall, listLarge);
            compare(table, "token lookup (GET …/token/{token}, random token)", lookupSmall, lookupLarge);
            report.note("");
            report.note(String.format(Locale.ROOT, "Sweeper: %,d invitations past their expiry persisted as EXPIRED in %s s "
                    + "(%s per second), in batches of %d, each one transaction (the server's own JdbiStorage, called in a loop: "
                    + "the work of the sweeper without its schedule; the bundled server runs at most 20 batches per "
                    + "INVITEKIT_SWEEP_INTERVAL_SECONDS, so a backlog of a million takes 100 intervals to persist, while "
                    + "every read already shows such invitations as EXPIRED).", sweep[0], num(sweep[1] / 1000.0),
                    num(sweep[0] * 1000.0 / sweep[1]), SWEEP_BATCH));
        }
    }

    private Wrk.Result latency(String script, String url, String arg) throws Exception {
        setup.wrk().run(script, url, 1, 1, setup.warmup(), arg);
        return setup.wrk().run(script, url, 1, 1, setup.duration(), arg);
    }

    private static void compare(Report.Table table, String what, Wrk.Result small, Wrk.Result large) {
        double r = large.p50Ms() / small.p50Ms();
        table.row(what, num(small.p50Ms()) + " / " + num(small.p99Ms()), num(large.p50Ms()) + " / " + num(large.p99Ms()),
                num(small.rps()) + " → " + num(large.rps()), ratio(r), Goals.SCALE_1M_OF_10K.cell(r)
                        + (small.non2xx() + large.non2xx() > 0 ? " (non-2xx: " + (small.non2xx() + large.non2xx()) + ")" : ""));
    }

    /**
     * Rows {@code from..to} as PENDING invitations, each expiring in 7 days, created a millisecond
     * apart (time-ordered ids), with the token "scale" + the row number in 38 digits.
     */
    private static void load(String url, int from, int to, String adminId) throws Exception {
        long baseMillis = System.currentTimeMillis() - 2L * LARGE;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO invitekit_tenant_invitations (id, email, pending_email, lapses_at, tier, permissions, feature_flags,
                        invited_by, token_digest, status, ttl_days, created_at, expires_at, resend_count, last_sent_at, version)
                    SELECT CAST(lpad(to_hex(? + g), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0') || '8'
                                || substr(md5(g::text), 1, 15) AS uuid),
                           'scale' || g || '@bench.test', 'scale' || g || '@bench.test', now() + interval '7 days',
                           'PROFESSIONAL', 'can_api_access', 'calendars', CAST(? AS uuid),
                           encode(sha256(convert_to('scale' || lpad(g::text, 38, '0'), 'UTF8')), 'hex'),
                           'PENDING', 7, to_timestamp((? + g) / 1000.0), now() + interval '7 days', 0,
                           to_timestamp((? + g) / 1000.0), 1
                    FROM generate_series(?, ?) AS g""")) {
                insert.setLong(1, baseMillis);
                insert.setString(2, adminId);
                insert.setLong(3, baseMillis);
                insert.setLong(4, baseMillis);
                insert.setInt(5, from);
                insert.setInt(6, to);
                insert.executeUpdate();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE invitekit_tenant_invitations");
            }
        }
    }

    /** @return {expired, millis} */
    private static long[] sweep(String url) {
        try (HikariDataSource dataSource = Databases.pool(DatabaseSettings.of(url))) {
            JdbiStorage storage = JdbiStorage.create(dataSource);
            Instant later = Instant.now().plus(Duration.ofDays(30)); // every loaded invitation is past its expiry then
            long started = System.nanoTime();
            long expired = 0;
            for (int batch = storage.invitations().expireDue(later, SWEEP_BATCH).size(); batch > 0;
                 batch = storage.invitations().expireDue(later, SWEEP_BATCH).size()) {
                expired += batch;
            }
            return new long[] {expired, (System.nanoTime() - started) / 1_000_000};
        }
    }

    private static String single(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}

package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;
import static io.invitekit.bench.driver.Report.ratio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast the outbox relay sends a backlog, against a bare Jakarta Mail client pushing the same
 * kind of messages over one connection to the same sink ({@link MailBaseline}).
 *
 * <p>The backlog is made honestly: a server with {@code INVITEKIT_RELAY_THREADS=0} (a node that
 * sends no email) takes 10,000 invitations from 16 callers; it is stopped, and started again on
 * the same database with the default relay. Its drain is timed at the sink, from the first email
 * to the last, as the baseline is; the sink then tells whether every address got exactly one
 * email (messages, distinct Message-IDs, distinct addresses). The baseline runs just before and
 * just after, in a JVM of its own with the server's flags: the cores are shared, so the relay's
 * ratio is taken to the faster of the two.
 */
final class DeliveryPhase {
    /** 10,000 by default; BENCH_BACKLOG makes it smaller on a machine too busy to create that many in time. */
    static final int BACKLOG = Integer.parseInt(Bench.env("BENCH_BACKLOG", "10000"));
    private static final int CALLERS = 16;
    private static final String PREFIX = "drain-";
    private static final Duration WAIT = Duration.ofMinutes(10);

    private final Bench.Setup setup;
    private final Report report;

    DeliveryPhase(Bench.Setup setup, Report report) {
        this.setup = setup;
        this.report = report;
    }

    /** A run of the baseline client: messages per second from the first to the last at the sink. */
    record Baseline(double perSecond, double clientSeconds, long messages, int distinctIds) {
    }

    record Drain(String store, Baseline before, Baseline after, Duration created, Duration ready, Duration firstToLast,
                 Duration readyToLast, Duration readyToRecorded, long messages, int distinctIds, long distinctAddresses,
                 long backlogAfter) {
        double perSecond() {
            return BACKLOG / (firstToLast.toNanos() / 1e9);
        }

        double baseline() {
            return Math.max(before.perSecond(), after.perSecond());
        }
    }

    void run() throws Exception {
        List<Drain> drains = new ArrayList<>();
        drains.add(drain("H2", null));
        if (setup.pgUrl() != null) {
            drains.add(drain("PostgreSQL", setup.pgUrl()));
        }
        print(drains);
    }

    private Drain drain(String store, String pgBase) throws Exception {
        try (SmtpSink sink = new SmtpSink();
             ServerUnderTest server = new ServerUnderTest(setup, store + "-backlog", pgBase, sink.port(),
                     Map.of("INVITEKIT_RELAY_THREADS", "0"))) {
            server.start();
            Api api = new Api(server.base());
            String admin = api.adminToken();
            long creating = System.nanoTime();
            invite(api, admin);
            Duration created = Duration.ofNanos(System.nanoTime() - creating);
            long waiting = api.backlog();
            if (waiting != BACKLOG || sink.messages() != 0) {
                throw new IllegalStateException("the backlog is " + waiting + " with " + sink.messages()
                        + " emails already sent: the relay was not off");
            }
            server.stop();

            Baseline before = baseline("base-a-");
            server.env("INVITEKIT_RELAY_THREADS", null); // the product's default
            Duration ready = server.start();
            long readyAt = System.nanoTime();
            long[] arrivals = arrivals(sink, BACKLOG);
            HttpPhase.await("the outbox records every email sent", () -> api.backlog() == 0 ? true : null);
            long recordedAt = System.nanoTime();
            long backlogAfter = api.backlog();
            server.stop(); // nothing more can arrive from it
            Baseline after = baseline("base-b-");
            return new Drain(store, before, after, created, ready, Duration.ofNanos(arrivals[1] - arrivals[0]),
                    Duration.ofNanos(arrivals[1] - readyAt), Duration.ofNanos(recordedAt - readyAt), sink.messages(),
                    sink.distinctMessageIds(), sink.recipientsStartingWith(PREFIX), backlogAfter);
        }
    }

    /** {@link #BACKLOG} invitations from {@link #CALLERS} callers. */
    private static void invite(Api api, String admin) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                done.add(callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < BACKLOG; i = next.getAndIncrement()) {
                        api.invite(admin, PREFIX + i + "@bench.test");
                    }
                    return null;
                }));
            }
            for (Future<Void> caller : done) {
                caller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** The bare client in its own JVM, timed at a fresh sink as the relay is. */
    private Baseline baseline(String prefix) throws Exception {
        try (SmtpSink sink = new SmtpSink()) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(setup.jvmFlags());
            command.addAll(setup.driverClassPath());
            command.addAll(List.of(MailBaseline.class.getName(), "127.0.0.1", Integer.toString(sink.port()),
                    Integer.toString(BACKLOG), prefix));
            Path log = setup.work().resolve("mail-baseline-" + prefix + "log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long[] arrivals = arrivals(sink, BACKLOG);
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("the mail baseline failed; see " + log);
            }
            String output = java.nio.file.Files.readString(log);
            int at = output.indexOf("MAILBASELINE ");
            double clientSeconds = at < 0 ? Double.NaN : Double.parseDouble(output.substring(at).trim().split("\\s+")[2]);
            return new Baseline(BACKLOG / ((arrivals[1] - arrivals[0]) / 1e9), clientSeconds, sink.messages(),
                    sink.distinctMessageIds());
        }
    }

    /** Polls the sink every millisecond: when its first message arrived, and when its {@code count}th. */
    private static long[] arrivals(SmtpSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long first = 0;
        while (System.nanoTime() < deadline) {
            long seen = sink.messages();
            long now = System.nanoTime();
            if (seen > 0 && first == 0) {
                first = now;
            }
            if (seen >= count) {
                return new long[] {first, now};
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("only " + sink.messages() + " of " + count + " emails arrived within " + WAIT);
    }

    private void print(List<Drain> drains) {
        report.section("Draining a backlog of " + String.format(Locale.ROOT, "%,d", BACKLOG) + " emails");
        report.note("A server with `INVITEKIT_RELAY_THREADS=0` takes " + String.format(Locale.ROOT, "%,d", BACKLOG)
                + " invitations from " + CALLERS + " callers, is stopped, and is started again on the same database with "
                + "the default relay (two threads, batches of 50, each over one SMTP connection). Both the relay and the "
                + "baseline are timed at the sink (bench/driver SmtpSink, answers at once) from the first email to the last. "
                + "Baseline: a bare Jakarta Mail (Angus) client in a JVM of its own with the same flags, pushing the same "
                + "number of messages of the same kind (multipart/alternative, the invitation's text and HTML, its own "
                + "Message-ID each) over ONE connection (bench/driver MailBaseline), run just before and just after the "
                + "drain; the ratio is to the faster of the two.");
        Report.Table table = report.table("store", "baseline before / after, emails/s", "relay drain, emails/s",
                "ratio", "target", "ready → last email", "emails / distinct Message-IDs / distinct addresses",
                "backlog after");
        for (Drain d : drains) {
            double r = d.perSecond() / d.baseline();
            boolean once = d.messages() == BACKLOG && d.distinctIds() == BACKLOG && d.distinctAddresses() == BACKLOG;
            // Only a drain in which every email arrived exactly once counts towards the goal.
            report.scorecard().put(Scorecard.Figure.RELAY_DRAIN_RATIO, d.store(), once ? r : 0.0,
                    num(d.perSecond()) + " vs " + num(d.baseline()) + " emails/s" + (once ? "" : ", NOT each exactly once"));
            table.row(d.store(), num(d.before().perSecond()) + " / " + num(d.after().perSecond()), num(d.perSecond()),
                    ratio(r), Goals.RELAY_DRAIN_OF_BARE_CLIENT.cell(r),
                    num(d.readyToLast().toMillis() / 1000.0) + " s (server ready after " + num(d.ready().toMillis() / 1000.0)
                            + " s)",
                    d.messages() + " / " + d.distinctIds() + " / " + d.distinctAddresses()
                            + (once ? " (each exactly once)" : " (NOT each exactly once)"),
                    d.backlogAfter());
        }
        for (Drain d : drains) {
            report.note(String.format(Locale.ROOT, "%n%s: the backlog was created in %.1f s (%s invitations/s over HTTP); "
                            + "the baseline clients timed themselves at %.2f s and %.2f s for %,d messages; the outbox recorded "
                            + "every email SENT %.1f s after the restarted server was ready.", d.store(),
                    d.created().toMillis() / 1000.0, num(BACKLOG / (d.created().toMillis() / 1000.0)),
                    d.before().clientSeconds(), d.after().clientSeconds(), BACKLOG, d.readyToRecorded().toMillis() / 1000.0));
        }
    }
}

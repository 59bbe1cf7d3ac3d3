package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;
import static io.invitekit.bench.driver.Report.ratio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The figures issue 15's goals are about, as the phases measure them (per store: H2, PostgreSQL,
 * and Keycloak for the peer), rendered at the end of a run as the table with a verdict
 * for every goal ({@link Goals}, {@link Target}), and the table beside Keycloak.
 */
final class Scorecard {
    static final String KEYCLOAK = "Keycloak";

    /** What a phase records. */
    enum Figure {
        /** Token preview req/s ÷ the raw Javalin GET measured just before it. */
        PREVIEW_RATIO,
        /** GET /api/me req/s ÷ the raw Javalin GET measured just before it. */
        ME_RATIO,
        /** Accepts per second ÷ Argon2id hashes per second on the same cores. */
        ACCEPT_RATIO,
        /** Invitations created per second at 16 callers (Keycloak: invite-user calls answered 2xx per second). */
        CREATED_PER_SECOND,
        /** Invitations created and their emails delivered, per second, at 16 callers. */
        DELIVERED_PER_SECOND,
        /** The relay's drain rate of a 10,000-message backlog ÷ a bare Jakarta Mail client's (the delivery phase records it). */
        RELAY_DRAIN_RATIO,
        /** Resident memory (VmRSS) after the whole load, MiB. */
        RSS_MIB,
        /** Launch to ready on an empty database, seconds. */
        START_EMPTY_SECONDS,
        /** Launch to ready on an existing database, seconds. */
        START_EXISTING_SECONDS
    }

    /** One measured figure: its value, how it came about (optional), and when it was recorded. */
    record Value(double value, String detail, Instant at) {
    }

    private final Map<Figure, Map<String, Value>> figures = new EnumMap<>(Figure.class);
    private final Map<String, String> leftOut = new LinkedHashMap<>();

    synchronized void put(Figure figure, String store, double value, String detail) {
        figures.computeIfAbsent(figure, f -> new LinkedHashMap<>()).put(store, new Value(value, detail, Instant.now()));
    }

    synchronized void put(Figure figure, String store, double value) {
        put(figure, store, value, null);
    }

    /** That a store (or Keycloak) was not measured in this run, and why. */
    synchronized void leftOut(String store, String why) {
        leftOut.put(store, why);
    }

    synchronized Value get(Figure figure, String store) {
        return figures.getOrDefault(figure, Map.of()).get(store);
    }

    /** The value, or NaN when it was not measured. */
    double value(Figure figure, String store) {
        Value v = get(figure, store);
        return v == null ? Double.NaN : v.value();
    }

    synchronized String whyLeftOut(String store) {
        return leftOut.get(store);
    }

    /** Whether any figure was recorded for the store. */
    synchronized boolean measured(String store) {
        return figures.values().stream().anyMatch(m -> m.containsKey(store));
    }

    /** Invitekit's RSS ÷ Keycloak's, or NaN. */
    double rssOfKeycloak(String store) {
        return value(Figure.RSS_MIB, store) / value(Figure.RSS_MIB, KEYCLOAK);
    }

    /** Invitekit's created-and-delivered rate ÷ Keycloak's, or NaN. */
    double deliveredOfKeycloak(String store) {
        return value(Figure.DELIVERED_PER_SECOND, store) / value(Figure.DELIVERED_PER_SECOND, KEYCLOAK);
    }

    /** Invitekit's created-and-delivered rate ÷ its created rate, or NaN. */
    double deliveredOfCreated(String store) {
        return value(Figure.DELIVERED_PER_SECOND, store) / value(Figure.CREATED_PER_SECOND, store);
    }

    /** The table, one row per goal, and the figures beside Keycloak's. */
    void print(Report report) {
        report.section("Targets (issue 15), this run");
        report.note("Every verdict comes from the figures in the tables below, through one goal each (bench/driver Goals "
                + "and Target); \"not measured\" marks a figure this run did not take" + leftOutNote() + ".");
        Report.Table table = report.table("figure", Goals.H2, Goals.POSTGRESQL, "goal", "verdict");
        goalRow(table, "token preview ÷ raw Javalin JSON", Goals::preview, BOTH,
                store -> value(Figure.PREVIEW_RATIO, store), store -> ratioCell(Figure.PREVIEW_RATIO, store));
        goalRow(table, "`GET /api/me` ÷ raw Javalin", Goals::me, BOTH,
                store -> value(Figure.ME_RATIO, store), store -> ratioCell(Figure.ME_RATIO, store));
        goalRow(table, "accepts/s ÷ Argon2id hashes/s, same cores", store -> Goals.ACCEPT_OF_HASHES, BOTH,
                store -> value(Figure.ACCEPT_RATIO, store), store -> ratioCell(Figure.ACCEPT_RATIO, store));
        table.row("invitations created per second (16 callers)", rateCell(Figure.CREATED_PER_SECOND, Goals.H2),
                rateCell(Figure.CREATED_PER_SECOND, Goals.POSTGRESQL), "—", "—");
        goalRow(table, "invitations created **and delivered** per second, ÷ created per second",
                store -> Goals.DELIVERED_OF_CREATED, BOTH, this::deliveredOfCreated,
                store -> rateCell(Figure.DELIVERED_PER_SECOND, store) + times(deliveredOfCreated(store)));
        goalRow(table, "created and delivered per second ÷ Keycloak's (" + rateCell(Figure.DELIVERED_PER_SECOND, KEYCLOAK)
                        + " in this run)", store -> Goals.DELIVERED_OF_KEYCLOAK, BOTH, this::deliveredOfKeycloak,
                store -> ratioOrDash(deliveredOfKeycloak(store)));
        goalRow(table, "relay drain of a 10,000-message backlog ÷ bare Jakarta Mail over one connection",
                store -> Goals.RELAY_DRAIN_OF_BARE_CLIENT, BOTH, store -> value(Figure.RELAY_DRAIN_RATIO, store),
                store -> ratioCell(Figure.RELAY_DRAIN_RATIO, store));
        goalRow(table, "RSS after the whole load ÷ Keycloak's (" + mibCell(KEYCLOAK) + " in this run)",
                store -> Goals.RSS_OF_KEYCLOAK, BOTH, this::rssOfKeycloak,
                store -> mibCell(store) + times(rssOfKeycloak(store)));
        goalRow(table, "start to ready, empty database", store -> Goals.START_SECONDS, List.of(Goals.H2),
                store -> value(Figure.START_EMPTY_SECONDS, store), store -> secondsCell(Figure.START_EMPTY_SECONDS, store));
        goalRow(table, "start to ready, existing database", store -> Goals.START_SECONDS, List.of(Goals.H2),
                store -> value(Figure.START_EXISTING_SECONDS, store), store -> secondsCell(Figure.START_EXISTING_SECONDS, store));
        printBesideKeycloak(report);
    }

    private static final List<String> BOTH = List.of(Goals.H2, Goals.POSTGRESQL);

    private void printBesideKeycloak(Report report) {
        report.section("Beside Keycloak 26.4, same run");
        if (!measured(KEYCLOAK)) {
            String why = whyLeftOut(KEYCLOAK);
            report.note("Keycloak was not measured in this run" + (why == null ? "." : ": " + why));
        }
        Value kcLoad = get(Figure.DELIVERED_PER_SECOND, KEYCLOAK);
        Value ikLoad = get(Figure.DELIVERED_PER_SECOND, Goals.H2);
        if (kcLoad != null && ikLoad != null) {
            report.note("Keycloak's figures were recorded at " + time(kcLoad.at()) + ", Invitekit's create-and-deliver "
                    + "figure on H2 at " + time(ikLoad.at()) + String.format(Locale.ROOT, " (%.1f min apart).",
                    Math.abs(ikLoad.at().toEpochMilli() - kcLoad.at().toEpochMilli()) / 60e3));
        }
        Report.Table table = report.table("figure", "Keycloak", "Invitekit H2", "Invitekit PostgreSQL",
                "Invitekit ÷ Keycloak (H2; PostgreSQL)", "goal", "verdict");
        table.row("invite-user / create invitation calls answered per second (16 callers)",
                rateCell(Figure.CREATED_PER_SECOND, KEYCLOAK), rateCell(Figure.CREATED_PER_SECOND, Goals.H2),
                rateCell(Figure.CREATED_PER_SECOND, Goals.POSTGRESQL), ofKeycloak(Figure.CREATED_PER_SECOND), "—", "—");
        table.row("created and delivered per second", rateCell(Figure.DELIVERED_PER_SECOND, KEYCLOAK),
                rateCell(Figure.DELIVERED_PER_SECOND, Goals.H2), rateCell(Figure.DELIVERED_PER_SECOND, Goals.POSTGRESQL),
                ofKeycloak(Figure.DELIVERED_PER_SECOND), Goals.DELIVERED_OF_KEYCLOAK.goal(),
                verdicts(store -> Goals.DELIVERED_OF_KEYCLOAK, BOTH, this::deliveredOfKeycloak));
        table.row("RSS after load", mibCell(KEYCLOAK), mibCell(Goals.H2), mibCell(Goals.POSTGRESQL), ofKeycloak(Figure.RSS_MIB),
                Goals.RSS_OF_KEYCLOAK.goal(), verdicts(store -> Goals.RSS_OF_KEYCLOAK, BOTH, this::rssOfKeycloak));
        double h2Start = value(Figure.START_EMPTY_SECONDS, Goals.H2);
        table.row("launch to ready, empty database", secondsCell(Figure.START_EMPTY_SECONDS, KEYCLOAK),
                secondsCell(Figure.START_EMPTY_SECONDS, Goals.H2), secondsCell(Figure.START_EMPTY_SECONDS, Goals.POSTGRESQL),
                ofKeycloak(Figure.START_EMPTY_SECONDS), Goals.START_SECONDS.goal() + " (Invitekit on H2)",
                Double.isNaN(h2Start) ? "H2 not measured" : "H2 " + ratio(h2Start / Goals.START_SECONDS.limit())
                        + " the goal: " + Goals.START_SECONDS.verdict(h2Start));
    }

    /** A row with a goal for each store in {@code withGoal}: the cells of H2 and PostgreSQL, the goal, the verdicts. */
    private void goalRow(Report.Table table, String figure, Function<String, Target> target, List<String> withGoal,
                         ToDoubleFunction<String> value, Function<String, String> cell) {
        String h2Goal = target.apply(Goals.H2).goal();
        String pgGoal = target.apply(Goals.POSTGRESQL).goal();
        String goal = withGoal.size() == 1 ? target.apply(withGoal.get(0)).goal() + " (" + withGoal.get(0) + ")"
                : h2Goal.equals(pgGoal) ? h2Goal : h2Goal + " H2, " + pgGoal + " PostgreSQL";
        table.row(figure, cell.apply(Goals.H2), cell.apply(Goals.POSTGRESQL), goal, verdicts(target, withGoal, value));
    }

    private String verdicts(Function<String, Target> target, List<String> stores, ToDoubleFunction<String> value) {
        List<String> verdicts = new ArrayList<>();
        for (String store : stores) {
            verdicts.add(store + " " + target.apply(store).verdict(value.applyAsDouble(store)));
        }
        return String.join("; ", verdicts);
    }

    private String ofKeycloak(Figure figure) {
        double kc = value(figure, KEYCLOAK);
        return ratioOrDash(value(figure, Goals.H2) / kc) + "; " + ratioOrDash(value(figure, Goals.POSTGRESQL) / kc);
    }

    private String ratioCell(Figure figure, String store) {
        Value v = get(figure, store);
        return v == null ? notMeasured(store) : ratio(v.value()) + (v.detail() == null ? "" : " (" + v.detail() + ")");
    }

    private String rateCell(Figure figure, String store) {
        Value v = get(figure, store);
        return v == null ? notMeasured(store) : num(v.value()) + "/s" + (v.detail() == null ? "" : " (" + v.detail() + ")");
    }

    private String mibCell(String store) {
        Value v = get(Figure.RSS_MIB, store);
        return v == null ? notMeasured(store) : num(v.value()) + " MiB" + (v.detail() == null ? "" : " (" + v.detail() + ")");
    }

    private String secondsCell(Figure figure, String store) {
        Value v = get(figure, store);
        return v == null ? notMeasured(store) : num(v.value()) + " s" + (v.detail() == null ? "" : " (" + v.detail() + ")");
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) ? "" : ", " + ratio(ratio);
    }

    private static String ratioOrDash(double ratio) {
        return Double.isNaN(ratio) ? "—" : ratio(ratio);
    }

    private String notMeasured(String store) {
        return whyLeftOut(store) == null ? "not measured" : "left out";
    }

    private String leftOutNote() {
        StringBuilder why = new StringBuilder();
        for (String store : List.of(Goals.H2, Goals.POSTGRESQL, KEYCLOAK)) {
            String reason = whyLeftOut(store);
            if (reason != null) {
                why.append("; ").append(store).append(" was left out: ").append(reason);
            }
        }
        return why.toString();
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").format(at.atZone(ZoneOffset.UTC));
    }
}

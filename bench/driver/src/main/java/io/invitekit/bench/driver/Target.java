package io.invitekit.bench.driver;

import java.util.Locale;

/**
 * A goal a figure is measured against: a floor ("≥ 0.50× raw Javalin") or a ceiling ("≤ 1.5 s").
 * Every verdict in the report comes from here, so that no row writes "met" by hand: met, or
 * missed, and by how much either way.
 *
 * @param goal  how the goal reads in the report, e.g. "≥ 0.50× raw Javalin"
 * @param floor true for "at least", false for "at most"
 * @param limit the value the figure is compared with, in the figure's unit
 */
record Target(String goal, boolean floor, double limit) {
    Target {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("a target's limit must be a positive number: " + limit);
        }
    }

    static Target atLeast(double limit, String goal) {
        return new Target(goal, true, limit);
    }

    static Target atMost(double limit, String goal) {
        return new Target(goal, false, limit);
    }

    /** Whether {@code value} meets the goal; a figure that was not measured (NaN) does not. */
    boolean met(double value) {
        return !Double.isNaN(value) && (floor ? value >= limit : value <= limit);
    }

    /**
     * "met (24 % above)", "missed (37 % short)", "met (10 % under)", "missed (10 % over)", or
     * "not measured" for NaN. The percentage is of the limit.
     */
    String verdict(double value) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        double off = Math.abs(value / limit - 1) * 100;
        String by = off < 0.5 ? "at the limit" : String.format(Locale.ROOT, "%.0f %% %s", off,
                floor ? (value >= limit ? "above" : "short") : (value <= limit ? "under" : "over"));
        return (met(value) ? "met" : "missed") + " (" + by + ")";
    }

    /** The goal and its verdict, as one table cell: "≥ 0.80×: missed (37 % short)". */
    String cell(double value) {
        return goal + ": " + verdict(value);
    }
}

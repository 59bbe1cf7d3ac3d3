package io.invitekit.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as markdown: sections of tables and notes, printed as they are filled in. */
final class Report {
    private final StringBuilder text = new StringBuilder();

    void title(String line) {
        add("# " + line + "\n");
    }

    void section(String title) {
        add("\n## " + title + "\n");
    }

    void note(String line) {
        add(line + "\n");
    }

    Table table(String... headers) {
        return new Table(this, headers);
    }

    private void add(String chunk) {
        text.append(chunk);
        System.out.print(chunk);
        System.out.flush();
    }

    String markdown() {
        return text.toString();
    }

    static final class Table {
        private final Report report;
        private final List<String[]> rows = new ArrayList<>();

        private Table(Report report, String... headers) {
            this.report = report;
            report.add("\n| " + String.join(" | ", headers) + " |\n|" + "---|".repeat(headers.length) + "\n");
        }

        Table row(Object... cells) {
            String[] line = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                line[i] = cells[i] == null ? "—" : cells[i].toString();
            }
            rows.add(line);
            report.add("| " + String.join(" | ", line) + " |\n");
            return this;
        }
    }

    /** 12,345 / 123 / 1.23 / 0.123: enough digits to read, no false precision. */
    static String num(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    /** "met" or "missed by x %" for a floor target. */
    static String atLeast(double value, double target) {
        return value >= target ? "met" : String.format(Locale.ROOT, "missed (%.0f %% short)", 100 * (1 - value / target));
    }

    /** "met" or "missed by x %" for a ceiling target. */
    static String atMost(double value, double target) {
        return value <= target ? "met" : String.format(Locale.ROOT, "missed (%.0f %% over)", 100 * (value / target - 1));
    }
}

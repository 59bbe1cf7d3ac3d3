package io.invitekit.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as markdown: sections of tables and notes, printed as they are filled in, and
 * slots filled in at the end of the run (the summary of the targets goes near the top of the file,
 * but needs every phase's figures). The {@link Scorecard} collects the figures the goals are about.
 */
final class Report {
    private final List<StringBuilder> parts = new ArrayList<>(List.of(new StringBuilder()));
    private final Scorecard scorecard = new Scorecard();

    Scorecard scorecard() {
        return scorecard;
    }

    /** A place in the report, here, for text that is only known later (printed when it is filled). */
    Slot slot() {
        StringBuilder slot = new StringBuilder();
        parts.add(slot);
        parts.add(new StringBuilder());
        return new Slot(slot);
    }

    static final class Slot {
        private final StringBuilder text;

        private Slot(StringBuilder text) {
            this.text = text;
        }

        /** Renders into the slot whatever {@code fill} writes to the report it is given. */
        void fill(java.util.function.Consumer<Report> fill) {
            Report part = new Report();
            fill.accept(part);
            text.append(part.markdown());
        }
    }

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
        parts.get(parts.size() - 1).append(chunk);
        System.out.print(chunk);
        System.out.flush();
    }

    String markdown() {
        return String.join("", parts);
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

    /** The verdict for a floor: prefer a {@link Target} from {@link Goals}, which also reads as a goal. */
    static String atLeast(double value, double target) {
        return Target.atLeast(target, "").verdict(value);
    }

    /** The verdict for a ceiling: prefer a {@link Target} from {@link Goals}, which also reads as a goal. */
    static String atMost(double value, double target) {
        return Target.atMost(target, "").verdict(value);
    }
}

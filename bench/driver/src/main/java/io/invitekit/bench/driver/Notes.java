package io.invitekit.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The notes written by hand (bench/notes/*.md: what the profiles show, what was fixed, what is
 * left), appended after the measured tables, sorted by file name, so that a regenerated
 * bench/RESULTS.md keeps them.
 */
final class Notes {
    private Notes() {
    }

    static void append(Report report, Path dir) throws IOException {
        List<Path> files = files(dir);
        if (files.isEmpty()) {
            return;
        }
        report.note("\n---\n\n## Notes\n\nWritten by hand in bench/notes (appended by bench/run, sorted by file name); "
                + "the figures in them come from the runs they describe, not necessarily this one.");
        for (Path file : files) {
            report.note("\n<!-- bench/notes/" + file.getFileName() + " -->\n");
            report.note(Files.readString(file).stripTrailing());
        }
    }

    /** bench/notes/*.md, sorted by name. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p)).sorted().toList();
        }
    }
}

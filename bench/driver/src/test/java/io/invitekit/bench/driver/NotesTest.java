package io.invitekit.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotesTest {
    @Test
    void everyMarkdownNoteIsAppendedInTheOrderOfItsName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("memory-and-start.md"), "### Memory\nthird\n");
        Files.writeString(dir.resolve("delivery.md"), "### Delivery\nfirst\n");
        Files.writeString(dir.resolve("hot-reads.md"), "### Hot reads\nsecond\n");
        Files.writeString(dir.resolve("scratch.txt"), "not a note");
        Report report = new Report();

        Notes.append(report, dir);

        String text = report.markdown();
        assertThat(text).contains("## Notes").doesNotContain("not a note");
        assertThat(text.indexOf("first")).isLessThan(text.indexOf("second"));
        assertThat(text.indexOf("second")).isLessThan(text.indexOf("third"));
    }

    @Test
    void noNotesNoHeading(@TempDir Path dir) throws Exception {
        Report report = new Report();

        Notes.append(report, dir.resolve("missing"));

        assertThat(report.markdown()).isEmpty();
    }
}

package io.invitekit.adapter.jdbi;

import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.domain.account.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kill -9} leaves of an H2 database holds every commit H2 answered. A copy of the
 * database file taken as a commit returns has exactly the bytes a process killed at that moment
 * leaves behind: H2 has written the commit into the file (with {@code WRITE_DELAY=0}, see {@link
 * Databases}) and has no writer thread of its own that could add to it. Opening the copy runs
 * H2's crash recovery, as a restart after the kill would.
 *
 * <p>{@code RETENTION_TIME=0} lets H2 overwrite dead chunks at once. It does the same in any
 * database older than its retention time (45 s, counted from the file's creation), which is
 * when H2 2.5.250 to 2.5.252 began losing answered commits: after writing a chunk into reused
 * space, they rewrote the file header naming the chunk before it, so recovery reopened an older
 * version. Without the setting this test would need a database older than 45 s to see it.
 */
class H2KillLeavesEveryCommitTest {
    private static final int WRITES = 30;
    private static final String OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=0";

    @Test
    void every_answered_commit_survives_a_kill_once_h2_reuses_space(@TempDir Path temp) throws Exception {
        Path live = temp.resolve("live");
        List<String> lost = new ArrayList<>();
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url(live)))) {
            JdbiStorage storage = JdbiStorage.migrateAndCreate(pool);
            List<Account> answered = new ArrayList<>();
            for (int write = 1; write <= WRITES; write++) {
                Account account = account(email("kill" + write));
                storage.accounts().add(account); // returned: committed and answered
                answered.add(account);
                Path leftByKill = copyOfFile(live, temp.resolve("killed-after-" + write));
                List<Account> missing = missingAfterRestart(leftByKill, answered);
                if (!missing.isEmpty()) {
                    lost.add("killed after write " + write + ": " + missing.size() + " of " + answered.size()
                            + " accounts gone, the last " + missing.get(missing.size() - 1).email());
                }
            }
            assertThat(setting(pool, "RETENTION_TIME")).isEqualTo("0");
            assertThat(Long.parseLong(setting(pool, "info.FILE_WRITE_BYTES")))
                    .as("H2 wrote over space it had freed: the state the loss needed")
                    .isGreaterThan(3 * Long.parseLong(setting(pool, "info.FILE_SIZE")));
        }
        assertThat(lost).as("commits H2 answered that a restart after kill -9 does not find").isEmpty();
    }

    private static String url(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("invitekit") + OPTIONS;
    }

    private static Path copyOfFile(Path live, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.copy(live.resolve("invitekit.mv.db"), directory.resolve("invitekit.mv.db"));
        return directory;
    }

    private static List<Account> missingAfterRestart(Path directory, List<Account> answered) {
        try (HikariDataSource reopened = Databases.pool(DatabaseSettings.of(url(directory)))) {
            JdbiStorage storage = JdbiStorage.create(reopened);
            return answered.stream().filter(a -> storage.accounts().byEmail(a.email()).isEmpty()).toList();
        }
    }

    private static String setting(HikariDataSource pool, String name) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).as("H2 reports %s", name).isTrue();
                return result.getString(1);
            }
        }
    }
}

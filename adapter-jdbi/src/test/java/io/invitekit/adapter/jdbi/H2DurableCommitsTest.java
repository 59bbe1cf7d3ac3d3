package io.invitekit.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A commit H2 answers has reached the file: every on-disk H2 URL gets WRITE_DELAY=0 unless it chose one. */
class H2DurableCommitsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:./data/invitekit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "jdbc:h2:file:/var/lib/invitekit/db",
            "jdbc:h2:file:~/invitekit/db;MODE=PostgreSQL",
            "jdbc:h2:FILE:./data/db",
            "jdbc:h2:./var/db/kit",
            "jdbc:h2:~/kit/db;MODE=PostgreSQL",
            "jdbc:h2:/srv/kit/db",
            "jdbc:h2:C:/kit/db",
            "jdbc:h2:split:./data/db",
            "jdbc:h2:split:nio:~/data/db",
            "jdbc:h2:nio:./data/db",
            "jdbc:h2:nioMapped:./data/db",
            "jdbc:h2:async:./data/db",
            "jdbc:h2:retry:./data/db",
            "jdbc:h2:file:split:./data/db",
            "jdbc:h2:tcp://localhost/~/kit",
            "jdbc:h2:tcp://db.internal:9092/./data/kit;MODE=PostgreSQL",
            "jdbc:h2:tcp://one,two:9093/~/kit",
            "jdbc:h2:ssl://db.internal/data/kit",
    })
    void an_h2_database_on_disk_commits_without_delay(String url) {
        assertThat(Databases.withDurableCommits(url)).isEqualTo(url + ";WRITE_DELAY=0");
    }

    @Test
    void the_default_url_commits_without_delay() {
        assertThat(Databases.withDurableCommits(DatabaseSettings.DEFAULT_URL)).endsWith(";WRITE_DELAY=0");
    }

    @Test
    void a_trailing_separator_is_not_doubled() {
        assertThat(Databases.withDurableCommits("jdbc:h2:./data/db;MODE=PostgreSQL;"))
                .isEqualTo("jdbc:h2:./data/db;MODE=PostgreSQL;WRITE_DELAY=0");
    }

    @Test
    void a_value_that_mentions_write_delay_is_not_a_write_delay_setting() {
        String url = "jdbc:h2:./data/db;INIT=CREATE SCHEMA IF NOT EXISTS WRITE_DELAY";
        assertThat(Databases.withDurableCommits(url)).isEqualTo(url + ";WRITE_DELAY=0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:./data/db;WRITE_DELAY=500",
            "jdbc:h2:./data/db;write_delay=1000;MODE=PostgreSQL",
            "jdbc:h2:file:./data/db;MODE=PostgreSQL;Write_Delay=0",
            "jdbc:h2:tcp://localhost/~/kit;WRITE_DELAY=200",
    })
    void a_write_delay_the_user_chose_is_kept(String url) {
        assertThat(Databases.withDurableCommits(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:",
            "jdbc:h2:mem:test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
            "jdbc:h2:MEM:test",
            "jdbc:h2:.",
            "jdbc:h2:memFS:test",
            "jdbc:h2:memLZF:test",
            "jdbc:h2:nioMemFS:test",
            "jdbc:h2:nioMemLZF:12:test",
            "jdbc:h2:split:memFS:test",
            "jdbc:h2:tcp://localhost/mem:test",
            "jdbc:h2:tcp://localhost:9092/mem:test;DB_CLOSE_DELAY=-1",
            "jdbc:h2:zip:~/archive.zip!/kit",
            "jdbc:postgresql://localhost:5432/kit?user=kit",
    })
    void in_memory_read_only_and_other_databases_are_left_as_they_are(String url) {
        assertThat(Databases.withDurableCommits(url)).isEqualTo(url);
    }

    @Test
    void the_pool_on_a_file_database_runs_h2_with_a_write_delay_of_zero(@TempDir Path temp) throws SQLException {
        String url = "jdbc:h2:file:" + temp.resolve("kit") + ";MODE=PostgreSQL";
        assertThat(writeDelayThrough(url)).isEqualTo(0);
    }

    @Test
    void the_pool_keeps_the_write_delay_the_url_asks_for(@TempDir Path temp) throws SQLException {
        String url = "jdbc:h2:file:" + temp.resolve("kit") + ";MODE=PostgreSQL;WRITE_DELAY=500";
        assertThat(writeDelayThrough(url)).isEqualTo(500);
    }

    private static int writeDelayThrough(String url) throws SQLException {
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")) {
            assertThat(result.next()).isTrue();
            return Integer.parseInt(result.getString(1));
        }
    }
}

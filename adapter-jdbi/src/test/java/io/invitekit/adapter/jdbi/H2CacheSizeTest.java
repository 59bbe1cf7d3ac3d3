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

/** An H2 database on disk gets an 8 MiB page cache, whatever the heap, unless its URL sizes the cache. */
class H2CacheSizeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:./data/invitekit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
            "jdbc:h2:./var/db/kit",
            "jdbc:h2:split:nio:~/data/db",
            "jdbc:h2:tcp://db.internal:9092/./data/kit;MODE=PostgreSQL",
    })
    void an_h2_database_on_disk_gets_the_cache_size(String url) {
        assertThat(Databases.withCacheSize(url)).isEqualTo(url + ";CACHE_SIZE=8192");
    }

    @Test
    void the_default_url_gets_it_after_the_durable_commits_and_no_separator_is_doubled() {
        assertThat(Databases.withCacheSize(Databases.withDurableCommits(DatabaseSettings.DEFAULT_URL)))
                .endsWith(";WRITE_DELAY=0;CACHE_SIZE=8192");
        assertThat(Databases.withCacheSize("jdbc:h2:./data/db;MODE=PostgreSQL;"))
                .isEqualTo("jdbc:h2:./data/db;MODE=PostgreSQL;CACHE_SIZE=8192");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:./data/db;CACHE_SIZE=65536",
            "jdbc:h2:file:./data/db;MODE=PostgreSQL;cache_size=1024",
            "jdbc:h2:mem:test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
            "jdbc:h2:zip:~/archive.zip!/kit",
            "jdbc:postgresql://localhost:5432/kit?user=kit",
    })
    void a_cache_size_the_user_chose_in_memory_and_other_databases_are_left_as_they_are(String url) {
        assertThat(Databases.withCacheSize(url)).isEqualTo(url);
    }

    @Test
    void the_pool_on_a_file_database_runs_h2_with_that_cache(@TempDir Path temp) throws SQLException {
        assertThat(cacheSizeThrough("jdbc:h2:file:" + temp.resolve("kit") + ";MODE=PostgreSQL")).isEqualTo(8192);
        assertThat(cacheSizeThrough("jdbc:h2:file:" + temp.resolve("other") + ";CACHE_SIZE=4096")).isEqualTo(4096);
    }

    private static int cacheSizeThrough(String url) throws SQLException {
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url));
             Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'CACHE_SIZE'")) {
            assertThat(result.next()).isTrue();
            return Integer.parseInt(result.getString(1));
        }
    }
}

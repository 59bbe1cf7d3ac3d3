package io.invitekit.adapter.jdbi;

import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.domain.account.Account;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasesH2Test {

    @Test
    void the_default_database_is_a_file_under_data_in_postgresql_mode() {
        DatabaseSettings defaults = DatabaseSettings.defaults();

        assertThat(defaults.url()).isEqualTo(
                "jdbc:h2:file:./data/invitekit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(Databases.h2Directory(defaults.url())).contains(Path.of("data").toAbsolutePath());
        assertThat(defaults.isH2()).isTrue();
    }

    @Test
    void only_file_based_h2_urls_have_a_directory_to_create() {
        assertThat(Databases.h2Directory("jdbc:h2:mem:test;MODE=PostgreSQL")).isEmpty();
        assertThat(Databases.h2Directory("jdbc:h2:tcp://localhost/~/test")).isEmpty();
        assertThat(Databases.h2Directory("jdbc:postgresql://localhost/test")).isEmpty();
        assertThat(Databases.h2Directory("jdbc:h2:./var/db/kit")).contains(Path.of("var/db").toAbsolutePath());
        assertThat(Databases.h2Directory("jdbc:h2:~/kit/db;MODE=PostgreSQL"))
                .contains(Path.of(System.getProperty("user.home"), "kit"));
    }

    @Test
    void a_pool_on_a_file_database_creates_its_directory_and_the_data_survives_a_restart(@TempDir Path temp) {
        Path directory = temp.resolve("nested/data");
        String url = "jdbc:h2:file:" + directory.resolve("invitekit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Account account = account(email("persisted"));
        assertThat(directory).doesNotExist();

        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url))) {
            assertThat(directory).isDirectory();
            JdbiStorage storage = JdbiStorage.migrateAndCreate(pool);
            assertThat(storage.isPostgreSql()).isFalse();
            storage.accounts().add(account);
        }
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url))) {
            JdbiStorage storage = JdbiStorage.migrateAndCreate(pool);
            assertThat(storage.accounts().byEmail(account.email())).contains(account);
        }
        assertThat(Files.exists(directory.resolve("invitekit.mv.db"))).isTrue();
    }

    @Test
    void on_postgresql_every_wait_has_a_bound_and_the_url_may_set_its_own() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:1/kit");
        assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(settings.withStatementTimeout(Duration.ofMillis(500)).socketTimeout()).isEqualTo(Duration.ofSeconds(3));

        try (HikariDataSource pool = Databases.pool(settings)) {
            assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
            assertThat(pool.getValidationTimeout()).isEqualTo(1_000);
            assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "6")
                    .containsEntry("loginTimeout", "6").containsEntry("connectTimeout", "5");
            assertThat(pool.getConnectionInitSql()).isEqualTo("SET statement_timeout = 4000");
        }
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(
                "jdbc:postgresql://127.0.0.1:1/kit?options=-c%20statement_timeout%3D60000"))) {
            assertThat(pool.getConnectionInitSql()).as("the URL's own statement_timeout stands").isNull();
        }
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of("jdbc:h2:mem:bounds"))) {
            assertThat(pool.getDataSourceProperties()).doesNotContainKey("socketTimeout");
            assertThat(pool.getConnectionInitSql()).isEqualTo("SET LOCK_TIMEOUT 10000");
        }
    }

    @Test
    void settings_refuse_other_databases_and_never_show_the_password() {
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://localhost/kit", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:h2:mem:x").withPool(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:h2:mem:x").withStatementTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://db/kit", "kit", "s3cret-pass");

        assertThat(settings.toString()).doesNotContain("s3cret-pass").contains("redacted");
        assertThat(settings.isH2()).isFalse();
    }
}

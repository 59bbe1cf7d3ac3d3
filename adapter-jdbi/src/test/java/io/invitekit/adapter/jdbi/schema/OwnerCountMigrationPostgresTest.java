package io.invitekit.adapter.jdbi.schema;

import io.invitekit.adapter.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

class OwnerCountMigrationPostgresTest extends EmailVerifiedMigration {
    private String baseUrl;
    private String schema;

    @Override
    protected String createEmptyDatabase() {
        baseUrl = TestDatabase.requirePostgresUrl();
        schema = "it_owners_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected void dropDatabase() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(baseUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

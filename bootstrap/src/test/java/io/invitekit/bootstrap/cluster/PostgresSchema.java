package io.invitekit.bootstrap.cluster;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh schema in the test PostgreSQL ({@code INVITEKIT_TEST_PG_URL}) that the nodes share; dropped on close. */
final class PostgresSchema implements AutoCloseable {
    private final String baseUrl;
    private final String name;

    private PostgresSchema(String baseUrl, String name) {
        this.baseUrl = baseUrl;
        this.name = name;
    }

    static String baseUrl() {
        return System.getenv("INVITEKIT_TEST_PG_URL");
    }

    /** Skips the calling tests without a PostgreSQL to use, except with CI=true, where that fails them. */
    static void require() {
        if (baseUrl() == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail("CI=true, so the PostgreSQL tests must run, but INVITEKIT_TEST_PG_URL is not set");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "INVITEKIT_TEST_PG_URL is not set");
        }
    }

    static PostgresSchema create(String prefix) {
        PostgresSchema schema = new PostgresSchema(baseUrl(),
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** The URL for the nodes: this schema, directly. */
    String url() {
        return withSchema(baseUrl);
    }

    /** The URL for the nodes, through a proxy on 127.0.0.1 instead of the database's own address. */
    String urlThrough(int proxyPort) {
        String prefix = "jdbc:postgresql://";
        int path = baseUrl.indexOf('/', prefix.length());
        return withSchema(prefix + "127.0.0.1:" + proxyPort + baseUrl.substring(path));
    }

    /** The database's own host and port. */
    static String host() {
        return URI.create(baseUrl().substring("jdbc:".length())).getHost();
    }

    static int port() {
        int port = URI.create(baseUrl().substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    private String withSchema(String url) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    /** Rows as column → value; timestamps come as {@link java.time.Instant}. */
    List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = result.getObject(c);
                        row.put(result.getMetaData().getColumnLabel(c),
                                value instanceof java.sql.Timestamp time ? time.toInstant() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(baseUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + name + " CASCADE");
    }
}

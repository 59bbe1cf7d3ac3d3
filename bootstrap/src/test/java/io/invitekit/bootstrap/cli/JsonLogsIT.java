package io.invitekit.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.bootstrap.process.Emails;
import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * INVITEKIT_LOG_FORMAT=json: the fat jar's output is one JSON object per line; a request's id (a
 * trusted proxy's X-Request-Id) is in its request log line, kept with the email it queued, and in
 * the relay's line when that email is sent; a token in a path stays redacted.
 */
class JsonLogsIT {
    private static final Pattern LINK = Pattern.compile("https://app\\.acme\\.test/tenant-onboard#token=([A-Za-z0-9_-]{43})");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_line_is_json_and_one_request_is_followed_to_its_email() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Path work = Operator.freshDirectory("json-logs");
        String dbUrl = "jdbc:h2:file:" + work.resolve("db/invitekit") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        Operator operator = new Operator(work, Map.of("INVITEKIT_LOG_FORMAT", "json", "INVITEKIT_DB_URL", dbUrl,
                "INVITEKIT_TRUSTED_PROXIES", "127.0.0.1", "INVITEKIT_BASE_URL", "https://app.acme.test",
                "INVITEKIT_PLATFORM_DOMAIN", "acme.test", "INVITEKIT_SMTP_HOST", "127.0.0.1",
                "INVITEKIT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "INVITEKIT_ADMIN_EMAIL", "root@acme.test", "INVITEKIT_ADMIN_PASSWORD", "a long admin password",
                "INVITEKIT_RELAY_INTERVAL_MILLIS", "100"));
        String token;
        String loginId;
        String log;
        try (Operator.Server server = operator.startServer()) {
            Reply login = server.call("POST", "/api/auth/login", null,
                    Map.of("email", "root@acme.test", "password", "a long admin password"));
            loginId = login.headers().get("x-request-id").get(0);
            Reply invited = server.call("POST", "/api/platform/tenant-invitations/", login.text("access_token"),
                    Map.of("email", "owner@example.org", "suggested_business_name", "Bright Bakery"),
                    Map.of("X-Request-Id", "trace-4711"));
            assertThat(invited.status()).as(invited.body()).isEqualTo(201);
            assertThat(invited.headers().get("x-request-id")).containsExactly("trace-4711");
            assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the invitation email within 30 s").isTrue();
            Matcher link = LINK.matcher(Emails.plainText(smtp.getReceivedMessages()[0]));
            assertThat(link.find()).isTrue();
            token = link.group(1);
            assertThat(server.anonymous("GET", "/api/platform/tenant-invitations/token/" + token).status()).isEqualTo(200);
            assertThat(server.terminate()).isIn(0, 143);
            log = server.log();
        } finally {
            smtp.stop();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line)); // throws on any line that is not one JSON object
            }
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("loggerName").asText()).isEqualTo("io.invitekit.http.requests");
            assertThat(line.path("formattedMessage").asText()).startsWith("POST /api/auth/login 200");
            assertThat(line.path("mdc").path("request_id").asText()).isEqualTo(loginId);
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("formattedMessage").asText()).matches("POST /api/platform/tenant-invitations/? 201 \\d+ms");
            assertThat(line.path("mdc").path("request_id").asText()).isEqualTo("trace-4711");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
        });
        assertThat(lines).as("the relay's send, under the id of the request that queued it").anySatisfy(line -> {
            assertThat(line.path("formattedMessage").asText()).matches("email \\S+ \\(tenant_invitation\\) sent");
            assertThat(line.path("mdc").path("request_id").asText()).isEqualTo("trace-4711");
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.path("formattedMessage").asText())
                .startsWith("GET /api/platform/tenant-invitations/token/[redacted] 200"));
        assertThat(log).doesNotContain(token).doesNotContain("a long admin password");

        try (Connection db = DriverManager.getConnection(dbUrl); Statement s = db.createStatement();
             ResultSet row = s.executeQuery("SELECT request_id FROM invitekit_outbox_messages")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).as("kept with the email").isEqualTo("trace-4711");
        }
    }
}

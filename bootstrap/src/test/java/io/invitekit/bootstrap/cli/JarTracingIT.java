package io.invitekit.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.bootstrap.OtlpReceiver;
import io.invitekit.bootstrap.OtlpReceiver.ReceivedSpan;
import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fat jar as a process with INVITEKIT_OTLP_ENDPOINT: its spans reach an OTLP/HTTP receiver
 * (the exporter finds its HTTP sender through a service file, which shading must keep), a
 * trusted proxy's {@code traceparent} is continued, the JSON log lines carry the trace's id, and
 * SIGTERM sends what is still waiting.
 */
class JarTracingIT {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_jar_sends_spans_continues_a_trusted_proxys_trace_and_logs_its_id() throws Exception {
        Path work = Operator.freshDirectory("tracing");
        String dbUrl = "jdbc:h2:file:" + work.resolve("db/invitekit") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String log;
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            Operator operator = new Operator(work, Map.of("INVITEKIT_LOG_FORMAT", "json", "INVITEKIT_DB_URL", dbUrl,
                    "INVITEKIT_TRUSTED_PROXIES", "127.0.0.1", "INVITEKIT_OTLP_ENDPOINT", receiver.tracesUrl().toString(),
                    "INVITEKIT_ADMIN_EMAIL", "root@acme.test", "INVITEKIT_ADMIN_PASSWORD", "a long admin password"));
            try (Operator.Server server = operator.startServer()) {
                Reply login = server.call("POST", "/api/auth/login", null,
                        Map.of("email", "root@acme.test", "password", "a long admin password"),
                        Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));
                assertThat(login.status()).as(login.body()).isEqualTo(200);
                String loginId = login.headers().get("x-request-id").get(0);

                ReceivedSpan span = receiver.await(s -> loginId.equals(s.attribute("invitekit.request_id")),
                        Duration.ofSeconds(60), "for the log-in");
                assertThat(span.name()).isEqualTo("POST /api/auth/login");
                assertThat(span.traceId()).as("the proxy's trace, continued").isEqualTo(trace);
                assertThat(span.parentSpanId()).isEqualTo("00f067aa0ba902b7");

                assertThat(server.call("GET", "/api/me", login.text("access_token"), null).status()).isEqualTo(200);
                assertThat(server.terminate()).isIn(0, 143);
                log = server.log();
            }
            assertThat(receiver.spans()).as("sent on SIGTERM, not left in the batch")
                    .anySatisfy(s -> assertThat(s.name()).isEqualTo("GET /api/me"));
            assertThat(receiver.anyBodyContains("a long admin password")).isFalse();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("formattedMessage").asText()).startsWith("POST /api/auth/login 200");
            assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(trace);
        });
    }
}

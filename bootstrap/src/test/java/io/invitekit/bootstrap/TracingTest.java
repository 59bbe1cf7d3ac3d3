package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.bootstrap.OtlpReceiver.ReceivedSpan;
import io.invitekit.bootstrap.process.Emails;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * INVITEKIT_OTLP_ENDPOINT, against an OTLP/HTTP receiver in this test: the server in this JVM on
 * H2, GreenMail as its SMTP server, real requests over HTTP.
 */
class TracingTest {
    private static final String ADMIN = "admin@localhost";
    private static final String ADMIN_PASSWORD = "a long admin password";
    private static final String OWNER = "owner@example.org";
    private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]{43})");
    private static final String PREVIEW_ROUTE = "/api/platform/tenant-invitations/token/{token}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ListAppender<ILoggingEvent> requestLog = new ListAppender<>();
    private GreenMail smtp;
    private OtlpReceiver receiver;
    private InvitekitServer server;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        receiver = OtlpReceiver.start();
        requestLog.start();
        ((Logger) LoggerFactory.getLogger("io.invitekit.http.requests")).addAppender(requestLog);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.invitekit.http.requests")).detachAppender(requestLog);
        if (server != null) {
            server.close();
        }
        receiver.close();
        smtp.stop();
    }

    @Test
    void requestsTransactionsAndRelaySendsBecomeSpansNamedByTheirRouteWithoutTokensOrAddresses() throws Exception {
        server = InvitekitServer.start(Configuration.from(environment(Map.of(
                "INVITEKIT_OTLP_ENDPOINT", receiver.tracesUrl().toString()))));
        assertThat(server.tracing()).isTrue();
        String admin = login();

        HttpResponse<String> invited = call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", OWNER),
                Map.of());
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        String invitedId = invited.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(smtp.waitForIncomingEmail(60_000, 1)).as("the invitation email").isTrue();
        Matcher link = TOKEN.matcher(Emails.plainText(smtp.getReceivedMessages()[0]));
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        // A client that is no trusted proxy cannot put our spans into a trace of its choosing.
        String foreignTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> preview = call("GET", "/api/platform/tenant-invitations/token/" + token, null, null,
                Map.of("traceparent", "00-" + foreignTrace + "-00f067aa0ba902b7-01"));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        String previewId = preview.headers().firstValue("X-Request-Id").orElseThrow();

        // While the server runs, the exporter sends its batches by itself.
        ReceivedSpan previewSpan = receiver.await(s -> previewId.equals(s.attribute("invitekit.request_id")),
                Duration.ofSeconds(60), "for the preview request");
        assertThat(previewSpan.name()).isEqualTo("GET " + PREVIEW_ROUTE);
        assertThat(previewSpan.kind()).as("SPAN_KIND_SERVER").isEqualTo(2);
        assertThat(previewSpan.attributes()).containsEntry("http.route", PREVIEW_ROUTE)
                .containsEntry("http.response.status_code", "200").containsEntry("http.request.method", "GET");
        assertThat(previewSpan.traceId()).isNotEqualTo(foreignTrace);
        assertThat(previewSpan.parentSpanId()).as("a root span").isEmpty();
        assertThat(previewSpan.resource()).containsEntry("service.name", "invitekit");
        // The request's log line names the trace the span is in.
        assertThat(requestLog.list).filteredOn(e -> previewId.equals(e.getMDCPropertyMap().get("request_id")))
                .singleElement().satisfies(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("trace_id", previewSpan.traceId()));

        server.close(); // sends what is still waiting
        server = null;
        List<ReceivedSpan> spans = receiver.spans();

        ReceivedSpan create = spans.stream().filter(s -> invitedId.equals(s.attribute("invitekit.request_id"))
                && s.kind() == 2).findFirst().orElseThrow();
        assertThat(create.name()).isEqualTo("POST /api/platform/tenant-invitations");
        assertThat(create.attributes()).containsEntry("http.response.status_code", "201");
        assertThat(spans).as("the invitation's transaction, inside its request")
                .anySatisfy(s -> assertThat(s).returns(TracedStorage.TRANSACTION, ReceivedSpan::name)
                        .returns(create.traceId(), ReceivedSpan::traceId)
                        .returns(create.spanId(), ReceivedSpan::parentSpanId));
        ReceivedSpan send = spans.stream().filter(s -> s.name().equals(TracedMailSender.SEND)).findFirst().orElseThrow();
        assertThat(send.attributes()).containsEntry("invitekit.mail.outcome", "delivered")
                .containsEntry("invitekit.request_id", invitedId).containsKey("invitekit.mail.kind")
                .containsKey("invitekit.outbox.message_id");
        ReceivedSpan round = spans.stream().filter(s -> s.spanId().equals(send.parentSpanId())).findFirst().orElseThrow();
        assertThat(round.name()).isEqualTo(TracedMailSender.RELAY);
        assertThat(round.attributes()).containsEntry("invitekit.outbox.messages", "1");

        assertThat(spans).extracting(ReceivedSpan::name).doesNotContain("GET /api/platform/tenant-invitations/token/" + token)
                .allSatisfy(name -> assertThat(name).doesNotContain("unmatched"));
        assertThat(receiver.anyBodyContains(token)).as("the token anywhere in what was exported").isFalse();
        assertThat(receiver.anyBodyContains(OWNER)).as("the invitee's address").isFalse();
        assertThat(receiver.anyBodyContains(admin)).as("the admin's access token").isFalse();
        assertThat(receiver.anyBodyContains(ADMIN_PASSWORD)).isFalse();
        assertThat(receiver.contentTypes()).allSatisfy(type -> assertThat(type).isEqualTo("application/x-protobuf"));
    }

    @Test
    void withoutAnEndpointNothingIsTracedAndNoExporterRuns() throws Exception {
        server = InvitekitServer.start(Configuration.from(environment(Map.of())));
        assertThat(server.tracing()).isFalse();
        String admin = login();
        HttpResponse<String> invited = call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", OWNER),
                Map.of());
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(smtp.waitForIncomingEmail(60_000, 1)).isTrue();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("BatchSpanProcessor"));
        assertThat(requestLog.list).isNotEmpty()
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap()).doesNotContainKey("trace_id"));
        server.close();
        server = null;
        assertThat(receiver.requests()).isZero();
        // No wrapper either: the ports the application gets are the adapters themselves.
        MailSender console = new io.invitekit.adapter.mail.ConsoleMailSender();
        assertThat(TracedMailSender.of(console, ObservationRegistry.NOOP)).isSameAs(console);
        assertThat(Tracing.from(Configuration.from(Map.of())).observations()).isSameAs(ObservationRegistry.NOOP);
    }

    private Map<String, String> environment(Map<String, String> more) {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_PORT", "0");
        env.put("INVITEKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("invitekit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
        env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("INVITEKIT_MAIL_FROM", "invites@acme.test");
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_ARGON2_MEMORY_KIB", "1024");
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        env.putAll(more);
        return env;
    }

    private String login() throws Exception {
        HttpResponse<String> reply = call("POST", "/api/auth/login", null, Map.of("email", ADMIN, "password", ADMIN_PASSWORD),
                Map.of());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return json.readTree(reply.body()).path("access_token").asText();
    }

    private HttpResponse<String> call(String method, String path, String bearer, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}

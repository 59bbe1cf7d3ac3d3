package io.invitekit.bootstrap.cluster;

import io.invitekit.bootstrap.process.Emails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * GreenMail standalone (the same SMTP server a developer would run) as a process of its own:
 * both server processes send to it, and its REST API tells what arrived.
 */
final class GreenMailProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int smtpPort;
    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private GreenMailProcess(Process process, Path log, int smtpPort, int apiPort) {
        this.process = process;
        this.log = log;
        this.smtpPort = smtpPort;
        this.api = "http://127.0.0.1:" + apiPort;
    }

    static GreenMailProcess start() throws Exception {
        int smtp = freePort();
        int apiPort = freePort();
        Path work = Files.createTempDirectory(Path.of("target"), "greenmail-");
        Path log = work.resolve("greenmail.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtp,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled",
                "-jar", System.getProperty("invitekit.greenmailJar"))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GreenMailProcess greenMail = new GreenMailProcess(process, log, smtp, apiPort);
        greenMail.awaitReady(Duration.ofSeconds(90));
        return greenMail;
    }

    int smtpPort() {
        return smtpPort;
    }

    private void awaitReady(Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("GreenMail exited early:\n" + Files.readString(log));
            }
            try {
                if (get("/api/service/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("GreenMail was not ready within " + within + ":\n" + Files.readString(log));
    }

    /** Every address that has received mail (GreenMail makes a user for each on first delivery). */
    List<String> recipients() throws Exception {
        JsonNode users = json.readTree(get("/api/user").body());
        List<String> emails = new ArrayList<>();
        users.forEach(user -> emails.add(user.path("email").asText()));
        return emails;
    }

    record Mail(String messageId, MimeMessage message) {
    }

    List<Mail> inbox(String email) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<Mail> mails = new ArrayList<>();
        for (JsonNode node : json.readTree(messages(email))) {
            byte[] raw = node.path("mimeMessage").asText().getBytes(StandardCharsets.UTF_8);
            mails.add(new Mail(node.path("Message-ID").asText(), new MimeMessage(session, new ByteArrayInputStream(raw))));
        }
        return mails;
    }

    /** The Message-ID of every email in this address's inbox. */
    List<String> messageIds(String email) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode node : json.readTree(messages(email))) {
            ids.add(node.path("Message-ID").asText());
        }
        return ids;
    }

    /** The text/plain part of an invitation email. */

    private String messages(String email) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GreenMail answered " + response.statusCode() + " for " + email);
        }
        return response.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

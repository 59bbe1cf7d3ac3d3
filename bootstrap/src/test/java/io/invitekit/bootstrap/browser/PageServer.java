package io.invitekit.bootstrap.browser;

import io.invitekit.bootstrap.process.Emails;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.bootstrap.Configuration;
import io.invitekit.bootstrap.InvitekitServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The bundled server started in this JVM, as {@code java -jar} would start it: an H2 file
 * database under target/, GreenMail as its SMTP server, a known platform admin. Plus a small API
 * client for setting up what a test is not about.
 */
final class PageServer implements AutoCloseable {
    static final String ADMIN_EMAIL = "admin@localhost"; // README's default admin
    static final String ADMIN_PASSWORD = "a long admin password";
    static final String PASSWORD = "a decent password";

    private final GreenMail smtp;
    private final InvitekitServer server;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PageServer(GreenMail smtp, InvitekitServer server, String base) {
        this.smtp = smtp;
        this.server = server;
        this.base = base;
    }

    static PageServer start() throws IOException {
        return start(Map.of());
    }

    /** With more environment variables (INVITEKIT_REQUIRE_VERIFIED_EMAIL=true, say). */
    static PageServer start(Map<String, String> more) throws IOException {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Path work = Files.createDirectories(Path.of("target", "browser")).toAbsolutePath();
        Path db = Files.createTempDirectory(work, "db-");
        // The email links are built from the base URL, so the port is chosen first. Another process
        // may take it in between: then try another.
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            Map<String, String> env = new HashMap<>();
            env.put("INVITEKIT_PORT", Integer.toString(port));
            env.put("INVITEKIT_BASE_URL", base);
            env.put("INVITEKIT_DB_URL", "jdbc:h2:file:" + db.resolve("invitekit")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
            env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.put("INVITEKIT_MAIL_FROM", "invites@acme.test");
            env.put("INVITEKIT_PLATFORM_NAME", "Acme Cloud");
            env.put("INVITEKIT_PLATFORM_DOMAIN", "acme.test");
            env.put("INVITEKIT_ADMIN_EMAIL", ADMIN_EMAIL);
            env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
            env.putAll(more);
            try {
                return new PageServer(smtp, InvitekitServer.start(Configuration.from(env)), base);
            } catch (RuntimeException failed) {
                if (attempt == 3 || !causedByBind(failed)) {
                    smtp.stop();
                    throw failed;
                }
            }
        }
    }

    String base() {
        return base;
    }

    // ---- email ---------------------------------------------------------------------------

    /** The invitation link of the newest email to this address, waiting (bounded) for it to arrive. */
    String invitationLinkFor(String recipient) {
        return linkFor(recipient, "/tenant-onboard");
    }

    /** The link to {@code page} in the newest email to this address, waiting (bounded) for it to arrive. */
    String linkFor(String recipient, String page) {
        Pattern link = Pattern.compile("(" + Pattern.quote(base + page) + "#token=[A-Za-z0-9_-]{43})");
        return new FluentWait<>(smtp).withTimeout(Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(100))
                .withMessage("an email to " + recipient + " with a link to " + page)
                .until(mail -> newestTo(mail, recipient).map(text -> {
                    Matcher m = link.matcher(text);
                    return m.find() ? m.group(1) : null;
                }).orElse(null));
    }

    /** The subject and plain text of the newest email to this address, waiting (bounded) for one to arrive. */
    String newestEmailTo(String recipient) {
        return new FluentWait<>(smtp).withTimeout(Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(100))
                .withMessage("an email to " + recipient)
                .until(mail -> newestTo(mail, recipient).orElse(null));
    }

    private static Optional<String> newestTo(GreenMail mail, String recipient) {
        MimeMessage[] messages = mail.getReceivedMessages();
        for (int i = messages.length - 1; i >= 0; i--) {
            try {
                if (Arrays.stream(messages[i].getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(recipient))) {
                    return Optional.of(messages[i].getSubject() + "\n\n" + Emails.plainText(messages[i]));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }


    // ---- the API, for setting the scene --------------------------------------------------

    String adminToken() {
        return call("POST", "/api/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .path("access_token").asText();
    }

    /** Logs in with {@link #PASSWORD}; returns the access token. */
    String login(String email) {
        return call("POST", "/api/auth/login", null, Map.of("email", email, "password", PASSWORD))
                .path("access_token").asText();
    }

    /** Verifies the email with the link of the newest verification email to it. */
    void verifyEmail(String email) {
        String link = linkFor(email, "/verify-email");
        call("POST", "/api/auth/verify-email", null, Map.of("token", link.substring(link.indexOf("#token=") + 7),
                "password", PASSWORD));
    }

    String signup(String email, String first, String last) {
        return call("POST", "/api/auth/signup", null, Map.of("email", email, "password", PASSWORD,
                "first_name", first, "last_name", last)).path("access_token").asText();
    }

    /** A fresh API session (bearer tokens) of the user: its access token. */
    String logIn(String email, String password) {
        return call("POST", "/api/auth/login", null, Map.of("email", email, "password", password))
                .path("access_token").asText();
    }

    /** The status of a bodiless call, whatever it is. */
    int status(String method, String path, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
            return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            smtp.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean causedByBind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("bind")) {
                return true;
            }
        }
        return false;
    }
}

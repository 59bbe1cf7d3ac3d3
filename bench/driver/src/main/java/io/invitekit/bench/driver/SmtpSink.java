package io.invitekit.bench.driver;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SMTP server on 127.0.0.1 that takes every message and remembers its recipient,
 * Message-ID and invitation token. It answers at once (TCP_NODELAY): the bench measures the
 * relay, not a test mail server (GreenMail stalls ~40 ms per message on delayed ACKs).
 */
final class SmtpSink implements AutoCloseable {
    /** Recipients whose invitation token the bench needs (previews, accepts). */
    static final String WITH_TOKEN = "tok-";
    private static final Pattern TOKEN = Pattern.compile("tenant-onboard#token=([A-Za-z0-9_-]{43})");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong messages = new AtomicLong();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final Map<String, String> tokensByRecipient = new ConcurrentHashMap<>();
    private final Session session = Session.getInstance(new Properties());

    SmtpSink() throws IOException {
        listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    int distinctMessageIds() {
        return messageIds.size();
    }

    /** Recipients starting with {@code prefix} that got a message. */
    long recipientsStartingWith(String prefix) {
        return tokensByRecipient.keySet().stream().filter(r -> r.startsWith(prefix)).count();
    }

    /** Tokens mailed to recipients starting with {@code prefix}. */
    List<String> tokensFor(String prefix) {
        List<String> tokens = new ArrayList<>();
        tokensByRecipient.forEach((recipient, token) -> {
            if (recipient.startsWith(prefix) && !token.isEmpty()) {
                tokens.add(token);
            }
        });
        return tokens;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                threads.execute(() -> converse(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 sink ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO", "NOOP", "RSET", "MAIL" -> {
                        if (command.equals("RSET") || command.equals("MAIL")) {
                            recipients.clear();
                        }
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.replaceAll("(?i)^RCPT TO:\\s*<?([^>\\s]*)>?.*$", "$1").toLowerCase());
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                        }
                        record(recipients, data.toString());
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException dropped) {
            // the client went away
        }
    }

    private void record(List<String> recipients, String data) {
        String token = "";
        Matcher id = MESSAGE_ID.matcher(data);
        String messageId = id.find() ? id.group(1) : null;
        // Only invitations the bench goes on to open need their token read out of the MIME body.
        if (recipients.stream().anyMatch(r -> r.startsWith(WITH_TOKEN))) {
            try {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(data.getBytes(StandardCharsets.ISO_8859_1)));
                Matcher matcher = TOKEN.matcher(text(message));
                if (matcher.find()) {
                    token = matcher.group(1);
                }
            } catch (Exception unreadable) {
                // counted, without a token
            }
        }
        messages.incrementAndGet();
        if (messageId != null) {
            messageIds.add(messageId);
        }
        for (String recipient : recipients) {
            tokensByRecipient.put(recipient, token);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof MimeMultipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
        }
        return String.valueOf(content);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}

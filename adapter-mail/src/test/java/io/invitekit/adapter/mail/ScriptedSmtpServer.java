package io.invitekit.adapter.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server that answers with the replies a test chooses: what GreenMail will not do
 * (refuse a recipient with 550, defer with 450, reject the message after DATA, stay silent).
 * It records the commands it was sent, how many connections it was opened and how many
 * messages it accepted; a recipient may get its own {@code RCPT} reply.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    /** Replies by stage; {@code null} greeting means: accept the connection and never say a word. */
    record Script(String greeting, String mailReply, String rcptReply, String dataReply) {
        static Script accepting() {
            return new Script("220 scripted ESMTP", "250 2.1.0 ok", "250 2.1.5 ok", "250 2.0.0 queued");
        }

        static Script silent() {
            return new Script(null, null, null, null);
        }

        Script greeting(String reply) {
            return new Script(reply, mailReply, rcptReply, dataReply);
        }

        Script mail(String reply) {
            return new Script(greeting, reply, rcptReply, dataReply);
        }

        Script rcpt(String reply) {
            return new Script(greeting, mailReply, reply, dataReply);
        }

        Script data(String reply) {
            return new Script(greeting, mailReply, rcptReply, reply);
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final Map<String, String> rcptReplies;
    private final Thread thread;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> acceptedRecipients = new CopyOnWriteArrayList<>();
    private volatile int accepted;
    private volatile int connections;
    /** A recipient whose RCPT makes the server say 421 and drop the connection (null: none). */
    private volatile String dropAt;

    ScriptedSmtpServer(Script script) throws IOException {
        this(script, Map.of());
    }

    /** {@code rcptReplies}: the {@code RCPT} reply for these addresses; the others get the script's. */
    ScriptedSmtpServer(Script script, Map<String, String> rcptReplies) throws IOException {
        this.script = script;
        this.rcptReplies = Map.copyOf(rcptReplies);
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "scripted-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    int acceptedMessages() {
        return accepted;
    }

    int connections() {
        return connections;
    }

    /** The recipients of the messages it accepted, in order (each message has one here). */
    List<String> acceptedRecipients() {
        return List.copyOf(acceptedRecipients);
    }

    /** From now on, a {@code RCPT} for {@code recipient} is answered 421 and the connection dropped. */
    ScriptedSmtpServer droppingAt(String recipient) {
        this.dropAt = recipient;
        return this;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                clients.add(client);
                connections++;
                converse(client);
            } catch (IOException closed) {
                // the test closed the server or the client went away; take the next one
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        if (script.greeting() == null) {
            while (in.read() >= 0) { // say nothing until the client gives up
                continue;
            }
            return;
        }
        reply(out, script.greeting());
        String recipient = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 scripted");
                case "MAIL" -> reply(out, script.mailReply());
                case "RCPT" -> {
                    recipient = address(line);
                    if (recipient.equals(dropAt)) {
                        reply(out, "421 4.3.2 shutting down (scripted)");
                        return; // the connection closes
                    }
                    reply(out, rcptReplies.getOrDefault(recipient, script.rcptReply()));
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                        continue;
                    }
                    if (script.dataReply().startsWith("2")) {
                        accepted++;
                        acceptedRecipients.add(recipient);
                    }
                    reply(out, script.dataReply());
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok"); // RSET, NOOP
            }
        }
    }

    /** The address in {@code RCPT TO:<a@b.c>}. */
    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? line : line.substring(open + 1, close);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}

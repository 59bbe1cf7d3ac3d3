package io.invitekit.bootstrap.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that a test puts between the servers and something they depend on.
 * {@link #cut()} makes the target unreachable: open connections are reset and new ones are reset
 * as soon as they arrive, until {@link #restore()}. {@link #blackHole()} makes it a target that
 * is there but never answers: connections are accepted and what is sent is read, but nothing is
 * forwarded either way, on open connections as on new ones, until {@link #restore()}. A delay,
 * if given, holds back every chunk the client sends, to make a fast peer slow.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Duration delay;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicBoolean blackHole = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong swallowed = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });

    TcpProxy(String targetHost, int targetPort, Duration delay) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.delay = delay;
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection and every new one until {@link #restore()}. */
    void cut() {
        cut.set(true);
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    /**
     * From now on nothing passes either way, and new connections are accepted but never connected
     * to the target: a peer that hangs. Open connections stay open; what they carried before is
     * delivered, what is sent from now on is read and dropped.
     */
    void blackHole() {
        blackHole.set(true);
    }

    /**
     * Ends a cut or a black hole. Connections that were open through a black hole carry traffic
     * again (what was dropped stays lost, as their peers will notice); connections accepted during
     * it stay unanswered until their client gives up.
     */
    void restore() {
        cut.set(false);
        blackHole.set(false);
    }

    /** Bytes read and dropped in black holes. */
    long swallowed() {
        return swallowed.get();
    }

    /** Connections reset on arrival while cut. */
    long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut.get()) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            if (blackHole.get()) {
                open.add(client);
                threads.execute(() -> swallow(client));
                continue;
            }
            threads.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, 5_000);
        } catch (IOException unreachable) {
            reset(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        if (cut.get()) { // cut while we were connecting
            reset(client);
            reset(server);
            return;
        }
        threads.execute(() -> pump(client, server, delay));
        threads.execute(() -> pump(server, client, Duration.ZERO));
    }

    /** Reads whatever a client accepted in a black hole sends, and answers nothing, until it gives up. */
    private void swallow(Socket client) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                swallowed.addAndGet(read);
            }
        } catch (IOException ended) {
            // the client gave up, or the proxy closed
        } finally {
            open.remove(client);
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, Duration holdBack) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (blackHole.get()) {
                    swallowed.addAndGet(read);
                    continue;
                }
                if (!holdBack.isZero()) {
                    TimeUnit.MILLISECONDS.sleep(holdBack.toMillis()); // the delay is the point: a slow peer
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // one side closed or was reset: close the other
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST, as a dead host's network stack would answer
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to close
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
        threads.shutdownNow();
    }
}

package io.invitekit.adapter.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Counts TCP connections on one port of every local address (IPv4 and IPv6 wildcard), so that a
 * refused webhook to any loopback form would show here. To know that no connection came, a test
 * makes one itself: connections are accepted in order, so when the test's own is the first one
 * accepted, none came before it.
 */
final class ConnectionCounter implements AutoCloseable {
    private final ServerSocket socket;
    private final BlockingQueue<Integer> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    ConnectionCounter() {
        try {
            socket = new ServerSocket(0, 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    accepted.add(connection.getPort());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "connection-counter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connects once from the test; true when that connection is the first the counter accepted. */
    boolean noConnectionBeforeOwn() throws IOException, InterruptedException {
        int ownPort;
        try (Socket own = new Socket()) {
            own.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port()), 30_000);
            ownPort = own.getLocalPort();
        }
        Integer first = accepted.poll(30, TimeUnit.SECONDS);
        if (first == null) {
            throw new AssertionError("the counter accepted nothing, not even the test's own connection");
        }
        return first == ownPort;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

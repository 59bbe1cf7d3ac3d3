package io.invitekit.adapter.webhook;

import io.invitekit.adapter.webhook.JettyWebhookSender.HostLookup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty asks this for the addresses of a webhook's host. It looks the host up once, keeps only the
 * addresses {@link AddressGuard} allows (unless private targets are allowed), and hands Jetty those
 * resolved addresses — so the connection goes to an address that was checked, and no second DNS
 * answer (a rebinding) can replace it. A host whose answer mixes public and refused addresses is
 * reached on its public ones only; one with no allowed address fails with
 * {@link TargetNotAllowedException} before any connection.
 */
final class GuardedSocketAddressResolver implements SocketAddressResolver {
    private final HostLookup lookup;
    private final boolean allowPrivate;
    private final Executor executor;

    GuardedSocketAddressResolver(HostLookup lookup, boolean allowPrivate, Executor executor) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.allowPrivate = allowPrivate;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Off Jetty's selector threads: a DNS lookup blocks. */
    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            List<InetSocketAddress> checked;
            try {
                checked = resolveNow(host, port);
            } catch (Throwable failed) {
                promise.failed(failed);
                return;
            }
            promise.succeeded(checked);
        });
    }

    /** One lookup; the allowed addresses, resolved (never a name to be looked up again). */
    List<InetSocketAddress> resolveNow(String host, int port) throws UnknownHostException, TargetNotAllowedException {
        InetAddress[] found = lookup.lookup(host);
        if (found == null || found.length == 0) {
            throw new UnknownHostException("no address");
        }
        List<InetSocketAddress> checked = new ArrayList<>();
        for (InetAddress address : found) {
            if (allowPrivate || AddressGuard.isPublic(address)) {
                checked.add(new InetSocketAddress(address, port));
            }
        }
        if (checked.isEmpty()) {
            throw new TargetNotAllowedException();
        }
        return List.copyOf(checked);
    }
}

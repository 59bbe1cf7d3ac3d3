package io.invitekit.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.adapter.webhook.JettyWebhookSender.HostLookup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;

class GuardedSocketAddressResolverTest {
    private static final InetAddress PUBLIC = address("93.184.215.14");
    private static final InetAddress OTHER_PUBLIC = address("2606:4700:4700::1111");
    private static final InetAddress PRIVATE = address("10.0.0.7");
    private static final InetAddress LOOPBACK = address("127.0.0.1");

    /** A DNS server that answers each lookup with the next prepared answer, counting the lookups. */
    private static final class ScriptedDns implements HostLookup {
        private final Deque<InetAddress[]> answers = new ArrayDeque<>();
        private final AtomicInteger lookups = new AtomicInteger();

        ScriptedDns then(InetAddress... answer) {
            answers.add(answer);
            return this;
        }

        @Override
        public synchronized InetAddress[] lookup(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            if (answers.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return answers.poll();
        }
    }

    @Test
    void aRebindingAnswerCannotReachTheConnectionBecauseTheCheckedAddressIsWhatJettyGets() throws Exception {
        ScriptedDns dns = new ScriptedDns().then(PUBLIC).then(LOOPBACK); // the second answer is the rebinding one
        GuardedSocketAddressResolver resolver = new GuardedSocketAddressResolver(dns, false, Runnable::run);

        List<InetSocketAddress> addresses = resolve(resolver, "rebind.example", 443);

        // One lookup, and Jetty gets resolved addresses: it has no name left to look up again.
        assertThat(dns.lookups).hasValue(1);
        assertThat(addresses).containsExactly(new InetSocketAddress(PUBLIC, 443));
        assertThat(addresses).allSatisfy(a -> assertThat(a.isUnresolved()).isFalse());
        // The next connection looks up again and is checked again: the rebound answer is refused.
        assertThatThrownBy(() -> resolve(resolver, "rebind.example", 443))
                .hasRootCauseInstanceOf(TargetNotAllowedException.class)
                .hasMessageContaining("the target address is not allowed");
        assertThat(dns.lookups).hasValue(2);
    }

    @Test
    void anAnswerMixingPublicAndPrivateAddressesIsReachedOnItsPublicOnesOnly() throws Exception {
        ScriptedDns dns = new ScriptedDns().then(PRIVATE, PUBLIC, LOOPBACK, OTHER_PUBLIC);
        GuardedSocketAddressResolver resolver = new GuardedSocketAddressResolver(dns, false, Runnable::run);

        assertThat(resolve(resolver, "mixed.example", 8443))
                .containsExactly(new InetSocketAddress(PUBLIC, 8443), new InetSocketAddress(OTHER_PUBLIC, 8443));
    }

    @Test
    void anAnswerWithOnlyRefusedAddressesFailsTheResolution() {
        ScriptedDns dns = new ScriptedDns().then(PRIVATE, LOOPBACK, address("169.254.169.254"));
        GuardedSocketAddressResolver resolver = new GuardedSocketAddressResolver(dns, false, Runnable::run);

        assertThatThrownBy(() -> resolve(resolver, "internal.example", 80))
                .hasRootCauseInstanceOf(TargetNotAllowedException.class);
    }

    @Test
    void privateTargetsPassWhenAllowed() throws Exception {
        ScriptedDns dns = new ScriptedDns().then(PRIVATE, LOOPBACK);
        GuardedSocketAddressResolver resolver = new GuardedSocketAddressResolver(dns, true, Runnable::run);

        assertThat(resolve(resolver, "internal.example", 80))
                .containsExactly(new InetSocketAddress(PRIVATE, 80), new InetSocketAddress(LOOPBACK, 80));
    }

    @Test
    void aHostWithoutAddressesIsAnUnknownHost() {
        ScriptedDns dns = new ScriptedDns().then();
        GuardedSocketAddressResolver resolver = new GuardedSocketAddressResolver(dns, true, Runnable::run);

        assertThatThrownBy(() -> resolve(resolver, "nowhere.example", 80)).hasRootCauseInstanceOf(UnknownHostException.class);
    }

    @Test
    void theLookupRunsOnTheGivenExecutorNotOnJettysThread() throws Exception {
        ScriptedDns dns = new ScriptedDns().then(PUBLIC);
        AtomicInteger executed = new AtomicInteger();
        GuardedSocketAddressResolver resolver = new GuardedSocketAddressResolver(dns, false, task -> {
            executed.incrementAndGet();
            new Thread(task, "resolver-test").start();
        });

        assertThat(resolve(resolver, "public.example", 80)).containsExactly(new InetSocketAddress(PUBLIC, 80));
        assertThat(executed).hasValue(1);
    }

    private static List<InetSocketAddress> resolve(GuardedSocketAddressResolver resolver, String host, int port)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
        resolver.resolve(host, port, Map.of(), Promise.from(result));
        return result.get(30, TimeUnit.SECONDS);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}

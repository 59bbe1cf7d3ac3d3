package io.invitekit.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.webhook.JettyWebhookSender.HostLookup;
import io.invitekit.adapter.webhook.JettyWebhookSender.Settings;
import io.invitekit.application.port.out.WebhookSender.Request;
import io.invitekit.application.port.out.WebhookSender.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JettyWebhookSenderTest {
    private static final Settings LOCAL = Settings.defaults().withAllowPrivate(true);
    private static final byte[] BODY = "{\"type\":\"tenant.created\",\"data\":{\"name\":\"Zoë & Co\",\"n\":1}}"
            .getBytes(StandardCharsets.UTF_8);

    private final Receiver receiver = new Receiver();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        receiver.close();
    }

    private JettyWebhookSender sender(Settings settings) {
        return sender(settings, HostLookup.system());
    }

    private JettyWebhookSender sender(Settings settings, HostLookup lookup) {
        JettyWebhookSender sender = new JettyWebhookSender(settings, lookup);
        closing.add(0, sender);
        return sender;
    }

    private static Request signed(URI url) {
        return new Request(url, Map.of(
                "webhook-id", "01HZY6A1D3N9",
                "webhook-timestamp", "1790000000",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,bm9wZQ==",
                "content-type", "application/json"), BODY);
    }

    @Test
    void a2xxIsDeliveredWithTheExactBodyAndHeaders() throws Exception {
        receiver.answer("/hooks", Receiver.status(200));

        Result result = sender(LOCAL).send(signed(receiver.url("/hooks")));

        assertThat(result.delivered()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.error()).isNull();
        assertThat(result.latency().isNegative()).isFalse();
        Receiver.Received got = receiver.next();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/hooks");
        assertThat(got.body()).isEqualTo(BODY);
        assertThat(got.header("webhook-id")).isEqualTo("01HZY6A1D3N9");
        assertThat(got.header("webhook-timestamp")).isEqualTo("1790000000");
        assertThat(got.header("webhook-signature")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,bm9wZQ==");
        assertThat(got.headers().get("Content-Type")).containsExactly("application/json");
        assertThat(got.header("User-Agent")).isEqualTo("Invitekit-Webhooks");
    }

    @Test
    void aBodyWithoutContentTypeIsSentAsJson() throws Exception {
        Result result = sender(LOCAL).send(new Request(receiver.url("/plain"), Map.of("webhook-id", "x"), BODY));

        assertThat(result.status()).isEqualTo(204);
        assertThat(receiver.next().headers().get("Content-Type")).containsExactly("application/json");
    }

    @Test
    void a500IsNotDeliveredAndItsStatusKept() throws Exception {
        receiver.answer("/broken", Receiver.status(500));

        Result result = sender(LOCAL).send(signed(receiver.url("/broken")));

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isEqualTo(500);
        assertThat(receiver.next().path()).isEqualTo("/broken");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectIsNotFollowed(int code) throws Exception {
        receiver.answer("/moved", Receiver.redirect(code, receiver.url("/target").toString()));
        receiver.answer("/target", Receiver.status(200));

        Result result = sender(LOCAL).send(signed(receiver.url("/moved")));

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isEqualTo(code);
        // The exchange is over when send returns: a followed redirect would have reached /target by now.
        assertThat(receiver.received()).extracting(Receiver.Received::path).containsExactly("/moved");
    }

    @Test
    void anAuthenticationChallengeIsJustAStatus() throws Exception {
        receiver.answer("/secured", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"hooks\"");
            exchange.sendResponseHeaders(401, -1);
        });

        Result result = sender(LOCAL).send(signed(receiver.url("/secured")));

        assertThat(result.status()).isEqualTo(401);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void aReceiverThatNeverAnswersHitsTheTotalTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        closing.add(release::countDown);
        receiver.answer("/silent", exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        JettyWebhookSender sender = sender(LOCAL.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));

        Result result = sender.send(signed(receiver.url("/silent")));

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("no complete answer within 500 ms");
        assertThat(receiver.next().path()).isEqualTo("/silent");
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        // A port bound but not listening: connecting to it is refused, and nobody else can take it meanwhile.
        try (Socket placeholder = new Socket()) {
            placeholder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            URI closed = URI.create("http://127.0.0.1:" + placeholder.getLocalPort() + "/hooks");

            Result result = sender(LOCAL).send(signed(closed));

            assertThat(result.delivered()).isFalse();
            assertThat(result.status()).isNull();
            assertThat(result.error()).isEqualTo("connection refused");
        }
    }

    @Test
    void anUnknownHostIsAnError() {
        HostLookup nothing = host -> {
            throw new java.net.UnknownHostException(host);
        };

        Result result = sender(LOCAL, nothing).send(signed(URI.create("http://hooks.invalid/x")));

        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("the host name could not be resolved");
    }

    @Test
    void aLargeResponseBodyIsCutAtTheCapAndTheStatusKept() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        receiver.answer("/chatty", exchange -> {
            exchange.sendResponseHeaders(200, big.length);
            try (var out = exchange.getResponseBody()) {
                out.write(big);
            } catch (java.io.IOException cut) {
                // the sender stopped reading: expected
            }
        });

        Result result = sender(LOCAL).send(signed(receiver.url("/chatty")));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.delivered()).isTrue();
        assertThat(result.error()).isNull();
    }

    @Test
    void cookiesAreNotKeptBetweenDeliveries() throws Exception {
        receiver.answer("/cookie", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
            exchange.sendResponseHeaders(204, -1);
        });
        JettyWebhookSender sender = sender(LOCAL);

        sender.send(signed(receiver.url("/cookie")));
        sender.send(signed(receiver.url("/cookie")));

        receiver.next();
        assertThat(receiver.next().header("Cookie")).isNull();
    }

    @Test
    void aUrlThatIsNotHttpIsAnErrorNotAnException() {
        Result result = sender(LOCAL).send(signed(URI.create("ftp://127.0.0.1/x")));

        assertThat(result.status()).isNull();
        assertThat(result.error()).contains("not an http or https URL");
    }

    @Test
    void oneSenderServesManyThreadsAtOnce() throws Exception {
        JettyWebhookSender sender = sender(LOCAL);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 80; i++) {
                String id = "evt_" + i;
                results.add(threads.submit(() -> {
                    start.await();
                    return sender.send(new Request(receiver.url("/many"), Map.of("webhook-id", id), BODY));
                }));
            }
            start.countDown();
            for (Future<Result> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).delivered()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 80; i++) {
            ids.add(receiver.next().header("webhook-id"));
        }
        assertThat(ids).hasSize(80);
    }

    @Test
    void aClosedSenderAnswersWithAnErrorNotAnException() {
        JettyWebhookSender sender = new JettyWebhookSender(LOCAL);
        sender.close();

        Result result = sender.send(signed(receiver.url("/late")));

        assertThat(result.delivered()).isFalse();
        assertThat(result.error()).isNotBlank();
        assertThat(receiver.received()).isEmpty();
    }

    // --- The guard: private targets refused before any connection -------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "0.0.0.0", "[::]", "[::ffff:127.0.0.1]",
            "[::ffff:7f00:1]", "2130706433", "[::127.0.0.1]", "127.0.0.2"})
    void everyLoopbackFormIsRefusedBeforeAnyConnection(String host) throws Exception {
        try (ConnectionCounter counter = new ConnectionCounter()) {
            Result result = sender(Settings.defaults()).send(signed(URI.create("http://" + host + ":" + counter.port() + "/hooks")));

            assertThat(result.delivered()).isFalse();
            assertThat(result.status()).isNull();
            assertThat(result.error()).isEqualTo("the target address is not allowed");
            assertThat(counter.noConnectionBeforeOwn()).as("no connection reached the port").isTrue();
        }
    }

    /** {@code java.net.URI} finds no host in {@code http://127.1:port/}: refused as a malformed URL, still without a connection. */
    @Test
    void aShortenedLoopbackAddressIsRefusedBeforeAnyConnection() throws Exception {
        try (ConnectionCounter counter = new ConnectionCounter()) {
            Result result = sender(Settings.defaults()).send(signed(URI.create("http://127.1:" + counter.port() + "/hooks")));

            assertThat(result.status()).isNull();
            assertThat(result.error()).isEqualTo("the URL is not an http or https URL with a host");
            assertThat(counter.noConnectionBeforeOwn()).as("no connection reached the port").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.255.255.254", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "100.64.0.1", "100.100.100.200", "169.254.0.1", "169.254.169.254", "198.18.0.1", "224.0.0.1",
            "255.255.255.255", "[fd00:ec2::254]", "[fc00::1]", "[fe80::1]", "[ff02::1]", "[::ffff:169.254.169.254]",
            "[::ffff:10.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::]"})
    void privateLinkLocalMetadataAndCgnatTargetsAreRefused(String host) {
        Result result = sender(Settings.defaults()).send(signed(URI.create("http://" + host + ":8080/hooks")));

        // Any connection attempt would end otherwise (timeout, refused, unreachable): these words come
        // only from the guard.
        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("the target address is not allowed");
    }

    @Test
    void aHostNameThatResolvesToAPrivateAddressIsRefused() throws Exception {
        HostLookup dns = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};

        Result result = sender(Settings.defaults(), dns).send(signed(URI.create("http://hooks.example:" + receiver.port() + "/x")));

        assertThat(result.error()).isEqualTo("the target address is not allowed");
        assertThat(receiver.received()).isEmpty();
    }

    /**
     * {@code hooks.example} has no address in real DNS: a delivery proves the connection went to the
     * address the guard's lookup returned, with no second lookup of the name.
     */
    @Test
    void theConnectionGoesToTheAddressTheGuardResolved() throws Exception {
        HostLookup dns = host -> {
            assertThat(host).isEqualTo("hooks.example");
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        };

        Result result = sender(LOCAL, dns).send(signed(URI.create("http://hooks.example:" + receiver.port() + "/pinned")));

        assertThat(result.delivered()).isTrue();
        Receiver.Received got = receiver.next();
        assertThat(got.path()).isEqualTo("/pinned");
        assertThat(got.header("Host")).isEqualTo("hooks.example:" + receiver.port());
    }
}

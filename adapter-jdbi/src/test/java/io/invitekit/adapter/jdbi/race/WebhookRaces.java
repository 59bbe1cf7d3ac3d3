package io.invitekit.adapter.jdbi.race;

import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CreatedWebhook;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewWebhook;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.application.service.WebhookService;
import io.invitekit.testing.Concurrently;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two applications, each on its own storage over one database) deliver the webhooks of
 * 500 events with two workers each: every event reaches the endpoint exactly once, signed.
 */
public abstract class WebhookRaces {
    private static final int EVENTS = 500;
    private static final byte[] KEY = new byte[32];

    protected abstract TestDatabase database();

    /** Counts each webhook-id it receives and checks each signature, as a receiver would. */
    private static final class CountingReceiver implements WebhookSender {
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        final AtomicInteger badSignatures = new AtomicInteger();
        volatile String secret;

        @Override
        public Result send(Request request) {
            String id = request.headers().get("webhook-id");
            if (!verifies(request)) {
                badSignatures.incrementAndGet();
            }
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return new Result(204, Duration.ofMillis(1), null);
        }

        private boolean verifies(Request request) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
                mac.update((request.headers().get("webhook-id") + "." + request.headers().get("webhook-timestamp") + ".")
                        .getBytes(StandardCharsets.UTF_8));
                byte[] expected = mac.doFinal(request.body());
                String signature = request.headers().get("webhook-signature");
                return signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
            } catch (java.security.GeneralSecurityException e) {
                return false;
            }
        }
    }

    private Invitekit node(JdbiStorage storage, WebhookSender sender) {
        return Invitekit.builder()
                .storage(storage)
                .mailSender(new RecordingMailSender())
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM))
                .random(RANDOM)
                .secretKey(KEY)
                .webhookSender(sender)
                .build();
    }

    @Test
    void twoNodesDeliverEachEventOnceSigned() throws InterruptedException {
        CountingReceiver receiver = new CountingReceiver();
        Invitekit first = node(database().storage(), receiver);
        Invitekit second = node(JdbiStorage.create(database().dataSource()), receiver);
        first.accounts().createFirstPlatformAdmin("root@example.com", "a long enough password");
        Actor admin = first.accounts().authenticate(first.accounts()
                .login(LogIn.with("root@example.com", "a long enough password")).accessToken()).orElseThrow();
        CreatedWebhook hook = first.webhooks().create(admin, null,
                new NewWebhook("https://hooks.example.org/in", Set.of(), null, true));
        receiver.secret = hook.secret();

        // What the event dispatcher does with its batches: fan-out inside a transaction.
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < EVENTS / 50; batch++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Event event = new Event(UUID.randomUUID(), EventType.TENANT_CREATED, 1, Instant.now(), null, null,
                        "t-" + batch + "-" + i, Map.of());
                events.add(event);
                ids.add(event.id().toString());
            }
            database().storage().transactions().run(() -> ((WebhookService) first.webhooks()).fanOut(events));
        }

        Invitekit[] nodes = {first, second, first, second};
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(nodes.length, index -> {
            int delivered = 0;
            while (receiver.received.size() < EVENTS && System.nanoTime() < deadline) {
                delivered += nodes[index].delivery().deliverWebhooksOnce().delivered();
            }
            return delivered;
        });

        int total = 0;
        for (Concurrently.Outcome<Integer> outcome : outcomes) {
            assertThat(outcome.failure()).isNull();
            total += outcome.value();
        }
        assertThat(receiver.received.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.received.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(receiver.badSignatures.get()).isZero();
        assertThat(total).isEqualTo(EVENTS);
        assertThat(database().count("SELECT count(*) FROM invitekit_webhook_deliveries WHERE status = 'SUCCEEDED'"))
                .isEqualTo(EVENTS);
        assertThat(outcomes).as("both nodes took part").filteredOn(o -> o.value() > 0).hasSizeGreaterThan(1);
    }
}

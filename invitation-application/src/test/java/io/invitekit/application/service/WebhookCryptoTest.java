package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventType;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signatures, the JSON body and the secret box. */
class WebhookCryptoTest {

    @Test
    void signsTheStandardWebhooksReferenceVector() {
        // The vector published with the Standard Webhooks specification (its libraries' "sign" test).
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String header = WebhookSignatures.header(List.of(key), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void twoKeysGiveTwoSpaceSeparatedSignaturesNewestFirst() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        b[0] = 1;
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignatures.header(List.of(a, b), "id", 7, body);
        assertThat(header.split(" ")).containsExactly("v1," + WebhookSignatures.sign(a, "id", 7, body),
                "v1," + WebhookSignatures.sign(b, "id", 7, body));
        assertThat(StandardWebhooksVerifier.verify(WebhookSignatures.secretText(b), "id", "7", header, body)).isTrue();
    }

    @Test
    void theSecretIsWhsecAndBase64Of32Bytes() {
        String secret = WebhookSignatures.secretText(new byte[32]);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    }

    @Test
    void theBodyIsTheEnvelopeWithTheEventsValuesEscaped() {
        UUID id = UUID.fromString("0190a3e0-0000-7000-8000-000000000001");
        UserId actor = new UserId(UUID.fromString("0190a3e0-0000-7000-8000-000000000002"));
        TenantId tenant = new TenantId(UUID.fromString("0190a3e0-0000-7000-8000-000000000003"));
        Event event = new Event(id, EventType.MEMBERSHIP_JOINED, 1, Instant.parse("2026-11-21T09:00:00Z"), actor, tenant,
                "subject-1", Map.of("via", "code", "note", "say \"hi\"\\\n\t\u0001\u2028é😀", "id", "ignored"));
        assertThat(WebhookJson.body(event)).isEqualTo("{\"type\":\"membership.joined\",\"timestamp\":\"2026-11-21T09:00:00Z\","
                + "\"data\":{\"id\":\"0190a3e0-0000-7000-8000-000000000001\",\"version\":1,"
                + "\"actor_id\":\"0190a3e0-0000-7000-8000-000000000002\","
                + "\"tenant_id\":\"0190a3e0-0000-7000-8000-000000000003\",\"subject\":\"subject-1\","
                + "\"note\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001\\u2028é😀\",\"via\":\"code\"}}");
    }

    @Test
    void aLoneSurrogateIsEscapedSoTheBodyStaysValidUtf8() {
        StringBuilder json = new StringBuilder();
        WebhookJson.string(json, "a\ud800b\udc00😀");
        assertThat(json.toString()).isEqualTo("\"a\\ud800b\\udc00😀\"");
    }

    @Test
    void aSystemEventHasNullActorAndTenant() {
        Event event = new Event(UUID.randomUUID(), EventType.TENANT_INVITATION_EXPIRED, 1, Instant.EPOCH, null, null,
                null, Map.of());
        assertThat(WebhookJson.body(event)).contains("\"actor_id\":null,\"tenant_id\":null,\"subject\":null");
    }

    @Test
    void aSealedSecretOpensWithItsKeyOnly() {
        byte[] key = new byte[32];
        key[5] = 9;
        AesGcmSecretBox box = new AesGcmSecretBox(key);
        byte[] secret = "the secret".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = box.seal(secret);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("the secret");
        assertThat(box.seal(secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> AesGcmSecretBox.withRandomKey().open(sealed)).isInstanceOf(IllegalStateException.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalStateException.class);
        assertThat(box.toString()).doesNotContain("9");
    }

    @Test
    void theKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new AesGcmSecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}

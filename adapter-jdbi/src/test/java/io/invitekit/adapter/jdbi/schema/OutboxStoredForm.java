package io.invitekit.adapter.jdbi.schema;

import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static io.invitekit.adapter.jdbi.testing.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.adapter.jdbi.TablePrefix;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the outbox keeps of a typed mail, looked at in the table: JSON with a {@code type}
 * discriminator and never the token; and rows written by the release before typed mail
 * (URL-encoded {@code data}) are still delivered after the upgrade.
 */
public abstract class OutboxStoredForm {
    /** The one place this test names the outbox table. */
    private static final String TABLE = TablePrefix.DEFAULT.table("outbox_messages");
    private static final Instant CREATED = NOW.minus(Duration.ofMinutes(5));
    /** Exactly what the release before typed mail wrote for a tenant invitation (keys sorted, URL-encoded). */
    private static final String LEGACY_DATA = "can_accept_payments=true&can_use_custom_domain=false&expires_in_days=7"
            + "&inviter_name=Platform+Admin&max_resources=100&max_users=50&platform_name=Acme+Cloud"
            + "&suggested_business_name=Bob%27s+Bakery+%26+Co&tier=PROFESSIONAL";
    private static final String SECRET = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private final RecordingMailSender mail = new RecordingMailSender();

    protected abstract TestDatabase database();

    private Invitekit kit() {
        return Invitekit.builder().storage(database().storage()).mailSender(mail)
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM)).random(RANDOM)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .settings(InvitekitSettings.defaults().toBuilder().platformName("Acme Cloud")
                        .baseUrl(URI.create("https://app.acme.test")).build())
                .build();
    }

    @Test
    void a_queued_mail_is_stored_as_json_with_its_type_and_without_the_token() throws Exception {
        OutboxMessage message = message("inv-json", NOW);
        database().storage().transactions().inTransaction(() -> {
            database().storage().outbox().enqueue(message);
            return null;
        });

        String data = column("data", message.id().value());
        JsonNode json = new ObjectMapper().readTree(data);
        assertThat(json.get("type").asText()).isEqualTo("tenant_invitation");
        assertThat(json.get("platformName").asText()).isEqualTo("Invitekit & Co = \"best\"");
        assertThat(json.get("inviterName").asText()).isEqualTo("Zoë 🙂 100%");
        assertThat(json.get("tier").asText()).isEqualTo("STARTER");
        assertThat(json.get("maxUsers").asInt()).isEqualTo(10);
        assertThat(json.get("maxResources").isNull()).isTrue();
        assertThat(json.get("permissions")).extracting(JsonNode::asText).containsExactly("CAN_ACCEPT_PAYMENTS");
        assertThat(json.get("expiresAt").asText()).isEqualTo(NOW.plus(Duration.ofDays(7)).toString());
        assertThat(json.get("expiresInDays").asInt()).isEqualTo(7);
        assertThat(json.has("link")).isFalse();
        assertThat(data).doesNotContain(message.secret()).doesNotContain("token");
        assertThat(column("secret", message.id().value())).isEqualTo(message.secret());
    }

    @Test
    void a_row_written_before_typed_mail_is_delivered_after_the_upgrade() {
        UUID id = UUID.randomUUID();
        insert(id, "tenant_invitation", LEGACY_DATA, SECRET);
        Invitekit kit = kit();

        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(mail.sent(TenantInvitationMail.class)).singleElement().satisfies(sent -> {
            assertThat(sent.to().value()).isEqualTo("owner@example.org");
            assertThat(sent.platformName()).isEqualTo("Acme Cloud");
            assertThat(sent.inviterName()).isEqualTo("Platform Admin");
            assertThat(sent.tier()).isEqualTo(SubscriptionTier.PROFESSIONAL);
            assertThat(sent.maxUsers()).isEqualTo(50);
            assertThat(sent.maxResources()).isEqualTo(100);
            assertThat(sent.permissions()).containsExactly(PlatformPermission.CAN_ACCEPT_PAYMENTS);
            assertThat(sent.suggestedBusinessName()).isEqualTo("Bob's Bakery & Co");
            assertThat(sent.expiresInDays()).isEqualTo(7);
            assertThat(sent.expiresAt()).isEqualTo(CREATED.plus(Duration.ofDays(7)));
            assertThat(sent.link()).hasToString("https://app.acme.test/tenant-onboard#token=" + SECRET);
        });
        assertThat(column("status", id)).isEqualTo("SENT");
        assertThat(column("secret", id)).as("the token is purged once sent").isNull();
    }

    @Test
    void rows_this_version_cannot_read_fail_for_good_with_their_reason_and_hold_nothing_else_up() {
        UUID legacyUnknown = UUID.randomUUID();
        UUID jsonUnknown = UUID.randomUUID();
        UUID incomplete = UUID.randomUUID();
        UUID good = UUID.randomUUID();
        insert(legacyUnknown, "password_reset", "expires_in_days=1", SECRET + "1");
        insert(jsonUnknown, "tenant_farewell", "{\"type\":\"tenant_farewell\",\"tenantName\":\"Bright\"}", SECRET + "2");
        insert(incomplete, "tenant_invitation", "{\"type\":\"tenant_invitation\",\"inviterName\":\"Ada\"}", SECRET + "3");
        insert(good, "tenant_invitation", LEGACY_DATA, SECRET);
        Invitekit kit = kit();

        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(4, 1, 0, 3));

        assertThat(column("last_error", legacyUnknown)).contains("no template for emails of kind \"password_reset\"");
        assertThat(column("last_error", jsonUnknown)).contains("no template for emails of kind \"tenant_farewell\"");
        assertThat(column("last_error", incomplete)).contains("incomplete").doesNotContain("token");
        for (UUID dead : List.of(legacyUnknown, jsonUnknown, incomplete)) {
            assertThat(column("status", dead)).isEqualTo("DEAD");
            assertThat(column("secret", dead)).isNull();
        }
        assertThat(column("status", good)).isEqualTo("SENT");
        assertThat(mail.sent()).hasSize(1);
    }

    private void insert(UUID id, String kind, String data, String secret) {
        database().jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO " + TABLE
                        + " (id, kind, recipient, data, secret, aggregate_id, status, attempts, next_attempt_at,"
                        + " last_error, created_at, sent_at) VALUES (:id, :kind, :recipient, :data, :secret, NULL,"
                        + " 'PENDING', 0, :created, NULL, :created, NULL)")
                .bindMap(Map.of("id", id, "kind", kind, "recipient", "owner@example.org", "data", data,
                        "secret", secret, "created", CREATED))
                .execute());
    }

    private String column(String name, UUID id) {
        return database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT " + name + " FROM " + TABLE + " WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
    }
}

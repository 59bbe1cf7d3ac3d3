package io.invitekit.adapter.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The member invitation email as the outbox's {@code data} column holds it. */
class MailJsonMemberInvitationTest {
    private static final EmailAddress TO = EmailAddress.of("bea@example.org");
    private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MemberInvitationMail.Queued mail(Role role) {
        return new MemberInvitationMail.Queued(TO, "Acme Cloud", "Zoë \"Ada\" Lovelace", "Bob's <Bakery> & Co", role,
                Instant.parse("2026-03-08T09:00:00.123Z"), 7);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void it_reads_back_exactly_what_was_written(Role role) {
        String data = MailJson.write(mail(role));

        assertThat(MailJson.read(MemberInvitationMail.KIND, TO, data, CREATED)).isEqualTo(mail(role));
    }

    @Test
    void the_stored_form_names_its_type_and_the_role_and_holds_no_link() throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree(MailJson.write(mail(Role.ADMIN)));

        assertThat(stored.path("type").asText()).isEqualTo("member_invitation");
        assertThat(stored.path("role").asText()).isEqualTo("ADMIN");
        assertThat(stored.path("tenantName").asText()).isEqualTo("Bob's <Bakery> & Co");
        assertThat(stored.path("expiresInDays").asInt()).isEqualTo(7);
        assertThat(stored.toString()).doesNotContain("http").doesNotContain("token").doesNotContain("link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"platformName", "inviterName", "tenantName", "role", "expiresAt", "expiresInDays"})
    void a_row_missing_a_field_is_unreadable_and_says_so_instead_of_failing_the_claim(String field) throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree(MailJson.write(mail(Role.MEMBER)));
        stored.remove(field);

        QueuedMail read = MailJson.read(MemberInvitationMail.KIND, TO, stored.toString(), CREATED);

        assertThat(read).isInstanceOfSatisfying(QueuedMail.Unreadable.class, unreadable -> {
            assertThat(unreadable.kind()).isEqualTo("member_invitation");
            assertThat(unreadable.to()).isEqualTo(TO);
            assertThat(unreadable.problem()).contains("incomplete");
        });
    }

    @Test
    void a_role_this_version_does_not_know_is_unreadable() throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree(MailJson.write(mail(Role.MEMBER)));
        stored.put("role", "BILLING_MANAGER");

        assertThat(MailJson.read(MemberInvitationMail.KIND, TO, stored.toString(), CREATED))
                .isInstanceOf(QueuedMail.Unreadable.class);
    }

    @Test
    void a_field_a_newer_version_added_is_ignored() throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree(MailJson.write(mail(Role.MEMBER)));
        stored.put("message", "Welcome aboard!");

        assertThat(MailJson.read(MemberInvitationMail.KIND, TO, stored.toString(), CREATED)).isEqualTo(mail(Role.MEMBER));
    }
}

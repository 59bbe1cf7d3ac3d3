package io.invitekit.adapter.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of queued mail keeps its language in the outbox, and rows written before languages read as none. */
class MailJsonLocaleTest {
    private static final EmailAddress TO = EmailAddress.of("ana@example.org");
    private static final Instant AT = Instant.parse("2026-03-08T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<QueuedMail> german() {
        LocaleTag de = LocaleTag.GERMAN;
        return List.of(
                new TenantInvitationMail.Queued(TO, "Acme", "Ada", SubscriptionTier.STARTER, 5, null,
                        Set.of(PlatformPermission.CAN_API_ACCESS), null, AT, 7, de),
                new PasswordResetMail.Queued(TO, "Acme", AT, 60, de),
                new EmailVerificationMail.Queued(TO, "Acme", AT, 24, de),
                new SignupAttemptMail.Queued(TO, "Acme", de),
                new MemberInvitationMail.Queued(TO, "Acme", "Ada", "Bakery", Role.MEMBER, AT, 3, de));
    }

    @Test
    void every_kind_reads_back_with_its_language() throws Exception {
        for (QueuedMail mail : german()) {
            String data = MailJson.write(mail);

            assertThat(JSON.readTree(data).path("locale").asText()).as(mail.kind()).isEqualTo("de");
            QueuedMail read = MailJson.read(mail.kind(), TO, data, AT);
            assertThat(read).as(mail.kind()).isEqualTo(mail);
            assertThat(read.locale()).isEqualTo(LocaleTag.GERMAN);
        }
    }

    @Test
    void a_row_written_before_languages_has_none() throws Exception {
        for (QueuedMail mail : german()) {
            ObjectNode stored = (ObjectNode) JSON.readTree(MailJson.write(mail));
            stored.remove("locale");

            QueuedMail read = MailJson.read(mail.kind(), TO, stored.toString(), AT);

            assertThat(read).as(mail.kind()).isNotInstanceOf(QueuedMail.Unreadable.class);
            assertThat(read.locale()).as(mail.kind()).isNull();
        }
    }
}

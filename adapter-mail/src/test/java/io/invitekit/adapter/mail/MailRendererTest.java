package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.shared.EmailAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailRendererTest {
    private final MailRenderer renderer = MailRenderer.english();

    @Test
    void a_tenant_invitation_is_rendered_from_the_outbox_data() {
        RenderedEmail email = renderer.render(Mails.outgoing("owner@example.com", Mails.invitation()));

        assertThat(email.subject()).isEqualTo("You're invited to create your business on Acme Cloud");
        assertThat(email.text()).contains(Mails.LINK);
        assertThat(email.html()).contains(Mails.LINK);
    }

    @Test
    void an_unknown_kind_is_a_permanent_failure() {
        OutgoingMail mail = new OutgoingMail(new OutboxMessageId(UUID.randomUUID()), EmailAddress.of("a@example.com"),
                "password_reset", Mails.data(Mails.invitation()));

        assertThatThrownBy(() -> renderer.render(mail))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("no template for emails of kind \"password_reset\"");
    }

    @Test
    void incomplete_data_is_a_permanent_failure_that_does_not_repeat_the_link() {
        Map<String, String> data = new HashMap<>(Mails.data(Mails.invitation()));
        data.remove("platform_name");
        OutgoingMail mail = new OutgoingMail(new OutboxMessageId(UUID.randomUUID()), EmailAddress.of("a@example.com"),
                "tenant_invitation", data);

        assertThatThrownBy(() -> renderer.render(mail))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("incomplete")
                .hasMessageNotContaining("token");
    }

    @Test
    void a_missing_link_is_a_permanent_failure() {
        Map<String, String> data = new HashMap<>(Mails.data(Mails.invitation()));
        data.remove("link");
        OutgoingMail mail = new OutgoingMail(new OutboxMessageId(UUID.randomUUID()), EmailAddress.of("a@example.com"),
                "tenant_invitation", data);

        assertThatThrownBy(() -> renderer.render(mail))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
    }
}

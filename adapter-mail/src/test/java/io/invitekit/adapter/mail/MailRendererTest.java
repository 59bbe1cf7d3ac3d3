package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailRendererTest {
    private final MailRenderer renderer = MailRenderer.english();

    @Test
    void a_tenant_invitation_is_rendered_from_its_typed_values() {
        RenderedEmail email = renderer.render(Mails.outgoing("owner@example.com", Mails.invitation()));

        assertThat(email.subject()).isEqualTo("You're invited to create your business on Acme Cloud");
        assertThat(email.text()).contains(Mails.LINK);
        assertThat(email.html()).contains(Mails.LINK);
    }

    @Test
    void a_member_invitation_is_rendered_by_its_own_template() {
        RenderedEmail email = renderer.render(new OutgoingMail(new OutboxMessageId(UUID.randomUUID()),
                MemberInvitationEmailRendererTest.mail()));

        assertThat(email.subject()).isEqualTo("Ada Lovelace invited you to join Bob's Bakery on Acme Cloud");
        assertThat(email.text()).contains("as an admin").contains(MemberInvitationEmailRendererTest.LINK);
        assertThat(email.html()).contains("href=\"" + MemberInvitationEmailRendererTest.LINK + "\"");
    }

    @Test
    void every_kind_of_mail_has_a_template() {
        // The renderer is a Mail.Visitor: a new member of the sealed family does not compile here
        // without a template. This checks the family and the visitor have not drifted apart.
        assertThat(Mail.class.getPermittedSubclasses()).contains(TenantInvitationMail.class);
        assertThat(Arrays.stream(Mail.Visitor.class.getMethods()).map(method -> method.getParameterTypes()[0]))
                .containsExactlyInAnyOrder(Mail.class.getPermittedSubclasses());
        assertThat(renderer.render(Mails.invitation()).subject()).isNotBlank();
    }

    @Test
    void a_link_that_is_no_url_is_a_permanent_failure_that_does_not_repeat_it() {
        assertThatThrownBy(() -> renderer.render(Mails.withLink(Mails.invitation(), "https://app.example.com/ #token=abc")))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("link")
                .hasMessageNotContaining("token");
    }
}

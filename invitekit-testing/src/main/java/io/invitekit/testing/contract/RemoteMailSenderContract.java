package io.invitekit.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link MailSender} that hands mail to another system (an SMTP server, a provider's API)
 * must do, beyond {@link MailSenderContract}: while that system cannot be reached, a batch answers
 * {@code RetryLater} for each message and throws nothing, and sending alone fails with a
 * {@link MailDeliveryException} worth retrying — so the outbox keeps the mail for later.
 *
 * <p>An implementer provides what {@link MailSenderContract} asks, and
 * {@link #unreachableSender()}.
 */
public abstract class RemoteMailSenderContract extends MailSenderContract {

    /** For a subclass, which provides the senders under test. */
    public RemoteMailSenderContract() {
    }

    /**
     * A sender of the same kind whose mail system cannot be reached (a server that is down or
     * not there).
     *
     * @return the unreachable sender
     */
    protected abstract MailSender unreachableSender();

    @Test
    void while_the_mail_system_cannot_be_reached_a_batch_answers_retry_later_for_each_message_and_throws_nothing() {
        MailSender unreachable = unreachableSender();
        List<DeliveryResult> results = new ArrayList<>();

        try (MailBatch batch = unreachable.batch()) {
            results.add(batch.send(newMessage()));
            results.add(batch.send(newMessage()));
        }

        assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(DeliveryResult.RetryLater.class, later -> assertThat(later.reason()).isNotBlank()));
        assertTaken();
    }

    @Test
    void while_the_mail_system_cannot_be_reached_sending_alone_fails_with_a_delivery_exception_worth_retrying() {
        MailSender unreachable = unreachableSender();

        assertThatThrownBy(() -> unreachable.send(newMessage()))
                .isInstanceOfSatisfying(MailDeliveryException.class, failure -> assertThat(failure.permanent()).isFalse());
        assertTaken();
    }
}

package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.anInvitationMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.shared.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailSender} must do, as its port promises: a message is handed over or the
 * failure is a {@link MailDeliveryException}; a {@link MailBatch} answers each message it is
 * given with that message's own {@link DeliveryResult} and throws nothing for a failure to hand it
 * over; a batch may be closed having sent nothing, and closing it again is harmless; each batch
 * is its own, and a message sent again (a retry keeps its id) is handed over again.
 *
 * <p>An implementer provides {@link #sender()}: a sender whose mail system takes every
 * well-formed message (each test builds new ones with {@link
 * io.invitekit.testing.fixtures.Fixtures#anInvitationMail()}), and may override:
 * <ul>
 *   <li>{@link #taken(int)}, to let the suite look at what the mail system took (without it,
 *       the suite checks the results alone).</li>
 * </ul>
 * A sender that hands mail to another system (an SMTP server, an HTTP API) extends
 * {@link RemoteMailSenderContract} instead, which adds what it must do while that system is down.
 * The suite uses a sender from one thread at a time.
 */
public abstract class MailSenderContract {

    /** For a subclass, which provides the sender under test. */
    public MailSenderContract() {
    }

    /**
     * The sender under test. It may be called more than once in a test; every answer hands its
     * messages to the same mail system, which has taken nothing when the test starts.
     *
     * @return a sender whose mail system takes every well-formed message
     */
    protected abstract MailSender sender();

    /**
     * The recipients of the messages the mail system behind {@link #sender()} has taken in this
     * test, in any order, once it has taken at least {@code atLeast} of them: a mail system that
     * takes them asynchronously is waited for, with a generous deadline, and then whatever it has
     * is returned. By default the mail system cannot be looked at.
     *
     * @param atLeast how many messages the test expects to have been taken
     * @return the recipients, one per message taken, or empty when this mail system cannot be looked at
     */
    protected Optional<List<EmailAddress>> taken(int atLeast) {
        return Optional.empty();
    }

    static OutgoingMail newMessage() {
        return anInvitationMail().outgoing();
    }

    void assertTaken(OutgoingMail... messages) {
        List<EmailAddress> recipients = List.of(messages).stream().map(OutgoingMail::to).toList();
        taken(messages.length).ifPresent(taken -> assertThat(taken).containsExactlyInAnyOrderElementsOf(recipients));
    }

    @Test
    void a_message_sent_on_its_own_is_handed_over() {
        OutgoingMail message = newMessage();

        sender().send(message);

        assertTaken(message);
    }

    @Test
    void a_batch_answers_each_message_with_its_own_result_as_it_is_sent() {
        List<OutgoingMail> messages = IntStream.range(0, 3).mapToObj(i -> newMessage()).toList();
        List<DeliveryResult> results = new ArrayList<>();

        try (MailBatch batch = sender().batch()) {
            for (OutgoingMail message : messages) {
                DeliveryResult result = batch.send(message);
                assertThat(result).as("the result of message %d, when it is sent", results.size()).isNotNull();
                results.add(result);
            }
        }

        assertThat(results).hasSize(3).allSatisfy(result -> assertThat(result).isInstanceOf(DeliveryResult.Delivered.class));
        assertTaken(messages.toArray(OutgoingMail[]::new));
    }

    @Test
    void a_batch_closed_without_a_message_sends_nothing_and_leaves_the_sender_working() {
        MailBatch empty = sender().batch();
        assertThat(empty).isNotNull();

        empty.close();

        assertTaken();
        OutgoingMail after = newMessage();
        sender().send(after);
        assertTaken(after);
    }

    @Test
    void closing_a_batch_twice_is_harmless() {
        OutgoingMail message = newMessage();
        MailBatch batch = sender().batch();
        assertThat(batch.send(message)).isInstanceOf(DeliveryResult.Delivered.class);

        batch.close();
        batch.close();

        MailBatch unused = sender().batch();
        unused.close();
        unused.close();
        assertTaken(message);
    }

    @Test
    void each_batch_is_its_own_and_a_closed_one_does_not_stop_the_next() {
        OutgoingMail first = newMessage();
        OutgoingMail second = newMessage();
        OutgoingMail third = newMessage();

        try (MailBatch batch = sender().batch()) {
            assertThat(batch.send(first)).isInstanceOf(DeliveryResult.Delivered.class);
        }
        try (MailBatch batch = sender().batch()) {
            assertThat(batch.send(second)).isInstanceOf(DeliveryResult.Delivered.class);
            assertThat(batch.send(third)).isInstanceOf(DeliveryResult.Delivered.class);
        }

        assertTaken(first, second, third);
    }

    @Test
    void a_message_sent_again_with_its_id_is_handed_over_again() {
        OutgoingMail message = newMessage();

        try (MailBatch batch = sender().batch()) {
            assertThat(batch.send(message)).isInstanceOf(DeliveryResult.Delivered.class);
        }
        try (MailBatch retry = sender().batch()) {
            assertThat(retry.send(message)).isInstanceOf(DeliveryResult.Delivered.class);
        }

        assertTaken(message, message);
    }
}

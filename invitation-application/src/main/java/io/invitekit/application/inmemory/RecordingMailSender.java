package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutgoingMail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what it is asked to send, for tests; can be switched to fail like a server that is down. */
public final class RecordingMailSender implements MailSender {
    private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger batches = new AtomicInteger();

    @Override
    public void send(OutgoingMail mail) {
        if (down.get()) {
            throw new MailDeliveryException("mail server unavailable (simulated)", false, null);
        }
        sent.add(mail);
    }

    @Override
    public MailBatch batch() {
        batches.incrementAndGet();
        return MailSender.super.batch();
    }

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    public List<OutgoingMail> sent() {
        return List.copyOf(sent);
    }

    /** The typed emails of one kind that were sent, oldest first. */
    public <M extends Mail> List<M> sent(Class<M> kind) {
        return sent.stream().map(OutgoingMail::mail).filter(kind::isInstance).map(kind::cast).toList();
    }

    /** How many batches were opened (the relay opens one per round that has something to send). */
    public int batches() {
        return batches.get();
    }
}

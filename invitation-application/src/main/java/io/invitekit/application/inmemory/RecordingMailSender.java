package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutgoingMail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps what it is asked to send, for tests; can be switched to fail like a server that is down. */
public final class RecordingMailSender implements MailSender {
    private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();

    @Override
    public void send(OutgoingMail mail) {
        if (down.get()) {
            throw new MailDeliveryException("mail server unavailable (simulated)", false, null);
        }
        sent.add(mail);
    }

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    public List<OutgoingMail> sent() {
        return List.copyOf(sent);
    }
}

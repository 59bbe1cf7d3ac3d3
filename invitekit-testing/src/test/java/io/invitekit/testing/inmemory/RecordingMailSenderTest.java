package io.invitekit.testing.inmemory;

import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.testing.contract.RemoteMailSenderContract;
import java.util.List;
import java.util.Optional;

class RecordingMailSenderTest extends RemoteMailSenderContract {
    private final RecordingMailSender sender = new RecordingMailSender();

    @Override
    protected MailSender sender() {
        return sender;
    }

    @Override
    protected Optional<List<EmailAddress>> taken(int atLeast) {
        return Optional.of(sender.sent().stream().map(OutgoingMail::to).toList());
    }

    @Override
    protected MailSender unreachableSender() {
        RecordingMailSender down = new RecordingMailSender();
        down.setDown(true);
        return down;
    }
}

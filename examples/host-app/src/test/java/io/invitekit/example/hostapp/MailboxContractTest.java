package io.invitekit.example.hostapp;

import io.invitekit.application.port.out.MailSender;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.testing.contract.MailSenderContract;
import java.util.List;
import java.util.Optional;

/** The host's own mail sender passes the contract every Invitekit mail sender passes. */
class MailboxContractTest extends MailSenderContract {
    private final Mailbox mailbox = new Mailbox(); // JUnit makes a new one for each test

    @Override
    protected MailSender sender() {
        return mailbox;
    }

    @Override
    protected Optional<List<EmailAddress>> taken(int atLeast) {
        return Optional.of(mailbox.sent().stream().map(m -> EmailAddress.of(m.to())).toList());
    }
}

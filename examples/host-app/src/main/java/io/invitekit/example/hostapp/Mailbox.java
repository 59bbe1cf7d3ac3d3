package io.invitekit.example.hostapp;

import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The host's own {@link MailSender}: it renders Invitekit's typed mail with the host's own words
 * and keeps what it sent in memory, like a development mail catcher (a real host would hand the
 * message to its mail service here). {@code onDelivery} sees each message as it is kept.
 */
public final class Mailbox implements MailSender {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu").withZone(ZoneOffset.UTC);

    /** One email as the host sent it. */
    public record Message(String to, String subject, String text) {
        public Message {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Message[to=" + to + ", subject=" + subject + "]"; // the text holds a link with a token
        }
    }

    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Message> onDelivery;

    public Mailbox(Consumer<Message> onDelivery) {
        this.onDelivery = Objects.requireNonNull(onDelivery, "onDelivery");
    }

    public Mailbox() {
        this(message -> { });
    }

    @Override
    public void send(OutgoingMail mail) {
        Message message = mail.mail().accept(new Renderer());
        sent.add(message);
        onDelivery.accept(message);
    }

    /** Everything sent so far, oldest first. */
    public List<Message> sent() {
        return List.copyOf(sent);
    }

    /** What one address was sent, oldest first. */
    public List<Message> sentTo(String address) {
        return sent.stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** The host's words for each kind of Invitekit mail: a new kind stops this from compiling. */
    private static final class Renderer implements Mail.Visitor<Message> {
        @Override
        public Message tenantInvitation(TenantInvitationMail mail) {
            String business = mail.suggestedBusinessName() == null ? "your business" : mail.suggestedBusinessName();
            String text = mail.inviterName() + " invites you to open " + business + " on " + mail.platformName()
                    + " (" + mail.tier().name() + " plan).\n\n"
                    + "Sign in to " + mail.platformName() + " with this address, then accept here:\n"
                    + mail.link() + "\n\n"
                    + "The invitation expires on " + DAY.format(mail.expiresAt()) + ".\n";
            return new Message(mail.to().value(), mail.inviterName() + " invites you to " + mail.platformName(), text);
        }

        /** Only with Invitekit's own accounts, which this host leaves off: it never gets one, but words it all the same. */
        @Override
        public Message passwordReset(PasswordResetMail mail) {
            return new Message(mail.to().value(), "Reset your " + mail.platformName() + " password",
                    "Choose a new password here (the link works once, until " + DAY.format(mail.expiresAt()) + "):\n"
                            + mail.link() + "\n");
        }

        /** Only with Invitekit's own accounts, like the reset email. */
        @Override
        public Message emailVerification(EmailVerificationMail mail) {
            return new Message(mail.to().value(), "Confirm your email address for " + mail.platformName(),
                    "Confirm your address here (the link works once, until " + DAY.format(mail.expiresAt()) + "):\n"
                            + mail.link() + "\n");
        }

        /** Only with Invitekit's own accounts, like the reset email. */
        @Override
        public Message signupAttempt(SignupAttemptMail mail) {
            return new Message(mail.to().value(), "Someone tried to sign up for " + mail.platformName(),
                    "Your address already has an account. Log in here: " + mail.logInLink() + "\n");
        }

        @Override
        public Message memberInvitation(io.invitekit.application.port.out.MemberInvitationMail mail) {
            String text = mail.inviterName() + " invites you to join " + mail.tenantName() + " on " + mail.platformName()
                    + " as " + mail.role().name().toLowerCase(java.util.Locale.ROOT) + ".\n\n"
                    + "Sign in to " + mail.platformName() + " with this address, then accept here:\n"
                    + mail.link() + "\n\n"
                    + "The invitation expires on " + DAY.format(mail.expiresAt()) + ".\n";
            return new Message(mail.to().value(), mail.inviterName() + " invites you to " + mail.tenantName(), text);
        }
    }
}

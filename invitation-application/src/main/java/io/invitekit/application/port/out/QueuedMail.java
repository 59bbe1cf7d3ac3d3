package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.util.Objects;

/**
 * A {@link Mail} as the {@link Outbox} keeps it: every value but the link, which holds the raw
 * token and is built by the relay when it sends, from the message's secret (kept apart, and
 * purged once the message is SENT, DEAD or WITHDRAWN). One member per member of {@link Mail},
 * plus {@link Unreadable} for a stored message this version cannot read.
 */
public sealed interface QueuedMail permits TenantInvitationMail.Queued, PasswordResetMail.Queued,
        EmailVerificationMail.Queued, SignupAttemptMail.Queued, MemberInvitationMail.Queued, QueuedMail.Unreadable {

    EmailAddress to();

    String kind();

    /** The language to write it in; null: the deployment's default. */
    LocaleTag locale();

    <R> R accept(Visitor<R> visitor);

    /** One method per member of the family. */
    interface Visitor<R> {
        R tenantInvitation(TenantInvitationMail.Queued mail);

        R passwordReset(PasswordResetMail.Queued mail);

        R emailVerification(EmailVerificationMail.Queued mail);

        R signupAttempt(SignupAttemptMail.Queued mail);

        R memberInvitation(MemberInvitationMail.Queued mail);

        R unreadable(Unreadable mail);
    }

    /**
     * A stored message of a kind this version does not know (written by a newer one), or whose
     * stored values are incomplete: it cannot be sent, and sending it fails for good with
     * {@code problem} as the reason.
     */
    record Unreadable(EmailAddress to, String kind, String problem) implements QueuedMail {
        public Unreadable {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public LocaleTag locale() {
            return null;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unreadable(this);
        }
    }
}

package io.invitekit.application.port.out;

import java.util.Objects;

/**
 * What became of one message of a {@link MailBatch}: handed over, worth another try later, or
 * refused for good (a recipient the server refuses, a message that cannot be rendered).
 */
public sealed interface DeliveryResult permits DeliveryResult.Delivered, DeliveryResult.RetryLater,
        DeliveryResult.Refused {

    static DeliveryResult delivered() {
        return Delivered.INSTANCE;
    }

    /** The result a {@link MailDeliveryException} stands for. */
    static DeliveryResult of(MailDeliveryException failure) {
        String reason = failure.getMessage() == null ? "unknown error" : failure.getMessage();
        return failure.permanent() ? new Refused(reason) : new RetryLater(reason);
    }

    /** The server has taken the message. */
    final class Delivered implements DeliveryResult {
        private static final Delivered INSTANCE = new Delivered();

        private Delivered() {
        }

        @Override
        public String toString() {
            return "Delivered";
        }
    }

    /** Not handed over this time; another attempt may succeed. */
    record RetryLater(String reason) implements DeliveryResult {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not handed over, and never will be: no further attempt. */
    record Refused(String reason) implements DeliveryResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package io.invitekit.application.port.in;

/** The background work: one step at a time, so schedulers (and tests) decide the pace. */
public interface DeliveryUseCase {

    /** Claims the due outbox messages, sends them and records the outcome. */
    RelayReport relayOnce();

    /**
     * Persists EXPIRED for one bounded batch of tenant invitations and one of member invitations
     * past their expiry (giving back the seats those held).
     */
    int sweepExpiredOnce();

    /**
     * Claims one batch of events not yet dispatched (oldest first, leased to this node), hands
     * them to the in-process listeners, then, in one transaction, queues their webhook deliveries
     * and records them as dispatched.
     *
     * @return how many events were dispatched
     */
    int dispatchEventsOnce();

    /** Claims the due webhook deliveries, sends them (signed) and records each attempt. */
    WebhookReport deliverWebhooksOnce();

    /** What one webhook step did. */
    record WebhookReport(int claimed, int delivered, int retrying, int failed) {
    }

    /**
     * What one step did. {@code claimed} may exceed the rest: a message withdrawn (by a resend or
     * a cancel) after it was claimed is not sent, nor is what is left once half the lease is gone.
     */
    record RelayReport(int claimed, int sent, int retrying, int dead) {
    }
}

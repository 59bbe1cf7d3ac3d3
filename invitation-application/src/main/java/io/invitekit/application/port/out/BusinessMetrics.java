package io.invitekit.application.port.out;

/**
 * Counters of what the application did, for operators' dashboards ({@code /metrics} in the bundled
 * server). The application knows no metrics library: an adapter implements this (Micrometer in
 * the HTTP adapter). Every argument is a short fixed name (a kind or an outcome), never user
 * data. Called after the change it counts committed (a rolled-back change is never counted; a
 * refusal, which changes nothing, is counted when it is answered), once per change on the node
 * that made it: per-node counters summed by the scraper give the deployment's totals. Methods
 * must be cheap and must not throw.
 */
public interface BusinessMetrics {

    /** Counts nothing: the default when the embedder passes none. */
    BusinessMetrics NOOP = new BusinessMetrics() {
        @Override
        public void invitation(String kind, String outcome) {
        }

        @Override
        public void join(String outcome) {
        }

        @Override
        public void email(String kind, String outcome) {
        }

        @Override
        public void webhookDelivery(String outcome) {
        }
    };

    /** Invitation kinds ({@link #invitation}'s {@code kind}). */
    String TENANT = "tenant";
    String MEMBER = "member";

    /**
     * An invitation {@code created}, {@code accepted}, {@code expired} or {@code cancelled} (a
     * member invitation's revocation counts as cancelled); {@code kind} is {@link #TENANT} or
     * {@link #MEMBER}.
     */
    void invitation(String kind, String outcome);

    /**
     * A join with a code answered: {@code joined}, {@code already_member}, or the error code it
     * was refused with in lower case ({@code invalid_code}, {@code tenant_full},
     * {@code rate_limited}, {@code tenant_inactive}, …).
     */
    void join(String outcome);

    /** An email attempt recorded: {@code sent}, {@code retrying} or {@code dead}; {@code kind} is the mail's kind. */
    void email(String kind, String outcome);

    /** A webhook delivery attempt recorded: {@code delivered}, {@code retrying} or {@code failed}. */
    void webhookDelivery(String outcome);
}

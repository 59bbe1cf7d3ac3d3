package io.invitekit.bench.driver;

/**
 * The goals of issue 15 ("Performance close to the limit, measured beside Keycloak in the same
 * run"), each a {@link Target}: the tables of each phase and the summary at the top of the report
 * use these, never a number of their own.
 */
final class Goals {
    static final String H2 = "H2";
    static final String POSTGRESQL = "PostgreSQL";

    /** Token preview ÷ a raw Javalin JSON endpoint: ≥ 0.50× on H2, ≥ 0.25× on PostgreSQL. */
    static Target preview(String store) {
        return store.equals(POSTGRESQL) ? Target.atLeast(0.25, "≥ 0.25× raw Javalin") : Target.atLeast(0.5, "≥ 0.50× raw Javalin");
    }

    /** GET /api/me ÷ a raw Javalin JSON endpoint: ≥ 0.50× on H2, ≥ 0.25× on PostgreSQL. */
    static Target me(String store) {
        return store.equals(POSTGRESQL) ? Target.atLeast(0.25, "≥ 0.25× raw Javalin") : Target.atLeast(0.5, "≥ 0.50× raw Javalin");
    }

    /** Join (already a member) ÷ token preview (an earlier goal, kept). */
    static final Target JOIN_OF_PREVIEW = Target.atLeast(0.5, "≥ 0.50× preview");

    /** Accepts per second ÷ Argon2id hashes per second on the same cores, on both stores. */
    static final Target ACCEPT_OF_HASHES = Target.atLeast(0.8, "≥ 0.80× Argon2id hashes/s");

    /** Invitations created and delivered per second ÷ invitations created per second. */
    static final Target DELIVERED_OF_CREATED = Target.atLeast(0.8, "≥ 0.80× the created rate");

    /** Invitations created and delivered per second ÷ Keycloak's, measured in the same run. */
    static final Target DELIVERED_OF_KEYCLOAK = Target.atLeast(5, "≥ 5× Keycloak's");

    /** The relay's drain rate of a 10,000-message backlog ÷ a bare Jakarta Mail client over one connection. */
    static final Target RELAY_DRAIN_OF_BARE_CLIENT = Target.atLeast(0.7, "≥ 0.70× bare Jakarta Mail");

    /** Resident memory after the whole load ÷ Keycloak's after its load, measured in the same run. */
    static final Target RSS_OF_KEYCLOAK = Target.atMost(0.4, "≤ 0.40× Keycloak's");

    /** Launch to the first 200 from /health/ready, in seconds, on an empty and on an existing H2 database. */
    static final Target START_SECONDS = Target.atMost(1.5, "≤ 1.5 s");

    /** A later list page or token lookup with 1M invitations ÷ with 10k (p50). */
    static final Target SCALE_1M_OF_10K = Target.atMost(1.5, "≤ 1.5×");

    private Goals() {
    }
}

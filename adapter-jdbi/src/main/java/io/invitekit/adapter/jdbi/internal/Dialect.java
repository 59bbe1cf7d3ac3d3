package io.invitekit.adapter.jdbi.internal;

import java.util.Locale;

/** The two databases the schema is written for, where their SQL differs. */
public enum Dialect {
    /** Several processes may share it: claims lock with {@code FOR UPDATE SKIP LOCKED}. */
    POSTGRESQL,
    /** One process (the embedded default): claims are conditional updates, row by row. */
    H2;

    public static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("Invitekit stores data in H2 or PostgreSQL, not in " + productName);
    }
}

package io.invitekit.adapter.jdbi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What every table, constraint and index of Invitekit's schema starts with, so that the schema
 * sits beside a host application's own tables in one database schema: {@code invitekit_accounts}
 * beside the host's {@code accounts}. Flyway keeps Invitekit's history in {@link #historyTable()},
 * apart from the host's {@code flyway_schema_history}.
 *
 * <p>Lower-case letters, digits and underscores, starting with a letter, at most
 * {@value #MAX_LENGTH} characters (so that every name stays within PostgreSQL's 63).
 */
public record TablePrefix(String value) {
    public static final int MAX_LENGTH = 24;
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_LENGTH - 1) + "}");
    /** {@code invitekit_}. */
    public static final TablePrefix DEFAULT = new TablePrefix("invitekit_");

    /** @throws IllegalArgumentException when {@code value} is not a valid prefix */
    public TablePrefix {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a table prefix is 1 to " + MAX_LENGTH
                    + " lower-case letters, digits and underscores, starting with a letter: " + value);
        }
    }

    /** @throws IllegalArgumentException when {@code value} is not a valid prefix */
    public static TablePrefix of(String value) {
        return new TablePrefix(value);
    }

    /** The name of one of Invitekit's tables: {@code table("bucket")} is {@code invitekit_bucket} by default. */
    public String table(String name) {
        return value + name;
    }

    /** Flyway's history of Invitekit's migrations: {@code invitekit_schema_history} by default. */
    public String historyTable() {
        return value + "schema_history";
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.invitekit.example.hostapp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The host's {@code accounts} table, through the host's own {@link Jdbi}. */
public final class Accounts {
    private static final String COLUMNS = "id, email, name, email_verified, is_admin";

    private final Jdbi jdbi;
    private final Passwords passwords;
    private final Clock clock;

    public Accounts(Jdbi jdbi, Passwords passwords, Clock clock) {
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A new user; how the host signs people up (and verifies their email) is its own business. */
    public Account register(String email, String name, String password, boolean emailVerified, boolean admin) {
        Account account = new Account(UUID.randomUUID(), normalize(email), name.strip(), emailVerified, admin);
        String hash = passwords.hash(password);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO accounts (id, email, name, password_hash, email_verified, "
                        + "is_admin, created_at) VALUES (:id, :email, :name, :hash, :verified, :admin, :now)")
                .bind("id", account.id()).bind("email", account.email()).bind("name", account.name())
                .bind("hash", hash).bind("verified", emailVerified).bind("admin", admin).bind("now", clock.instant())
                .execute());
        return account;
    }

    /** The user proved the address is theirs (the host's own verification flow, not shown here). */
    public void verifyEmail(UUID id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET email_verified = TRUE WHERE id = :id").bind("id", id)
                .execute());
    }

    public Optional<Account> byEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE email = :email")
                .bind("email", normalize(email)).map(Accounts::account).findOne());
    }

    public List<Account> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map(Accounts::account).list());
    }

    /** The account whose email and password these are; a wrong email takes as long as a wrong password. */
    public Optional<Account> logIn(String email, String password) {
        Optional<String> hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM accounts WHERE email = :email")
                .bind("email", normalize(email)).mapTo(String.class).findOne());
        if (hash.isEmpty()) {
            passwords.spendOneCheck(password);
            return Optional.empty();
        }
        return passwords.matches(password, hash.get()) ? byEmail(email) : Optional.empty();
    }

    static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getBoolean("email_verified"), rs.getBoolean("is_admin"));
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

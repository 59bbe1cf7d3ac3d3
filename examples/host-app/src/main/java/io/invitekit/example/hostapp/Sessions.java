package io.invitekit.example.hostapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The host's {@code sessions} table: a random token goes to the browser, its SHA-256 digest
 * into the table, so the table alone signs nobody in.
 */
public final class Sessions {
    private static final int TOKEN_BYTES = 32;

    private final Jdbi jdbi;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;

    public Sessions(Jdbi jdbi, SecureRandom random, Clock clock, Duration lifetime) {
        this.jdbi = jdbi;
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Opens a session for the account; returns its token. */
    public String open(UUID accountId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions (token_digest, account_id, created_at, expires_at) "
                        + "VALUES (:digest, :account, :now, :expires)")
                .bind("digest", digest(token)).bind("account", accountId).bind("now", now)
                .bind("expires", now.plus(lifetime)).execute());
        return token;
    }

    /** Whose live session this token is. */
    public Optional<Account> account(String token) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.id, a.email, a.name, a.email_verified, a.is_admin "
                        + "FROM sessions s JOIN accounts a ON a.id = s.account_id "
                        + "WHERE s.token_digest = :digest AND s.expires_at > :now")
                .bind("digest", digest(token)).bind("now", clock.instant()).map(Accounts::account).findOne());
    }

    public void close(String token) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_digest = :digest")
                .bind("digest", digest(token)).execute());
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}

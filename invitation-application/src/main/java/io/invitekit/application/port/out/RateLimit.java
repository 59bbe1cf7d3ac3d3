package io.invitekit.application.port.out;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/** At most {@code permits} per {@code period} for each key; {@code name} keeps buckets of different limits apart. */
public record RateLimit(String name, long permits, Duration period) {
    /** Longer keys are kept as their SHA-256, so that one bucket's size does not depend on what a caller sends. */
    public static final int MAX_KEY_LENGTH = 128;

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit allows at least one permit per positive period");
        }
    }

    /** The id of {@code key}'s bucket under this limit: {@code name:key}, the key digested when long. */
    public String bucketId(String key) {
        return name + ":" + (key.length() <= MAX_KEY_LENGTH ? key : digest(key));
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}

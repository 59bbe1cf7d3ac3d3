package io.invitekit.bootstrap;

import io.invitekit.application.port.out.PasswordHasher;
import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (Bouncy Castle), stored in the PHC string format
 * {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}. A hash keeps its own parameters, so raising
 * them later does not lock anybody out.
 *
 * <p>The working memory ({@code m} KiB in 1 KiB blocks, 19 MiB by default) is reused from hash to
 * hash: Bouncy Castle (from 1.85) takes its blocks from a pool, zeroes them when a hash is done and
 * again when they are handed out. Without the pool every hash allocated its 19 MiB anew, and under
 * a run of accepts or log-ins the collector spent its time copying them. The pool keeps at most
 * enough blocks for the hashes allowed at once with the configured {@code m} (2 cores: 38 MiB,
 * held from the first hash on); a hash with a larger stored {@code m} allocates the rest, which the
 * pool drops.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** Blocks a hash holds besides its memory (Bouncy Castle's filler: two working, address, input). */
    private static final int FILLER_BLOCKS = 4;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final RandomGenerator random;
    private final Semaphore turns;
    private final Argon2BytesGenerator.BlockPool blocks;

    /**
     * At most one hash per core at a time, and no more at once than half the heap holds: the pool keeps
     * {@code m} KiB per hash that may run, and a fixed {@code -Xmx} on a machine with many cores
     * must not be outgrown by a burst of log-ins.
     */
    public Argon2idPasswordHasher(Configuration.Argon2 parameters, RandomGenerator random) {
        this(parameters, random, atOnce(parameters.memoryKib(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory()));
    }

    /** One hash per core, bounded by half of {@code maxHeapBytes}; at least one. */
    static int atOnce(int memoryKib, int cores, long maxHeapBytes) {
        long fit = maxHeapBytes / 2 / (memoryKib * 1024L);
        return (int) Math.max(1, Math.min(cores, fit));
    }

    /**
     * @param atOnce how many hashes may run at the same time; callers beyond wait their turn. Each
     *               holds {@code m} KiB and a core for its whole run, so a burst of log-ins or accepts
     *               without a bound takes every core from the threads that hold database connections
     *               (they time out: 503) and multiplies the memory, without hashing any faster.
     */
    public Argon2idPasswordHasher(Configuration.Argon2 parameters, RandomGenerator random, int atOnce) {
        this.memoryKib = parameters.memoryKib();
        this.iterations = parameters.iterations();
        this.parallelism = parameters.parallelism();
        this.random = random;
        this.turns = new Semaphore(atOnce, true);
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(atOnce * (blocksFor(memoryKib, parallelism) + FILLER_BLOCKS));
    }

    /** Bouncy Castle's own sizing: at least 8 blocks per lane, rounded down to whole segments (4 per lane). */
    private static int blocksFor(int memoryKib, int lanes) {
        int blocks = Math.max(memoryKib, 8 * lanes);
        return blocks / (4 * lanes) * 4 * lanes;
    }

    @Override
    public PasswordHash hash(Password password) {
        return inTurn(() -> {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES, blocks);
            return new PasswordHash("$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                    + B64.encodeToString(salt) + "$" + B64.encodeToString(hash));
        });
    }

    private <T> T inTurn(Supplier<T> work) {
        turns.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    @Override
    public boolean verify(Password password, PasswordHash stored) {
        String[] parts = stored.encoded().split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String setting : parts[3].split(",")) {
                String[] kv = setting.split("=", 2);
                int value = Integer.parseInt(kv[1]);
                switch (kv[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            if (m < 8 || t < 1 || p < 1 || expected.length < 16) {
                return false;
            }
            int memory = m;
            int passes = t;
            int lanes = p;
            return MessageDigest.isEqual(expected, inTurn(() -> derive(password, salt, memory, passes, lanes, expected.length, blocks)));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] derive(Password password, byte[] salt, int m, int t, int p, int length,
                         Argon2BytesGenerator.BlockPool blocks) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(m).withIterations(t).withParallelism(p)
                .withBlockPool(blocks)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.reveal().getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}

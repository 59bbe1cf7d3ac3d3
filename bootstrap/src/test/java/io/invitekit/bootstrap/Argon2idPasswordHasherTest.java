package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.domain.account.Password;
import io.invitekit.domain.account.PasswordHash;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private final Argon2idPasswordHasher hasher =
            new Argon2idPasswordHasher(new Configuration.Argon2(19_456, 2, 1), new SecureRandom());

    @Test
    void hashesInPhcFormatWithTheConfiguredParametersAndASaltOfItsOwn() {
        PasswordHash first = hasher.hash(Password.presented("correct horse battery"));
        PasswordHash second = hasher.hash(Password.presented("correct horse battery"));

        assertThat(first.encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void verifiesTheRightPasswordOnlyEvenAfterTheParametersChange() {
        PasswordHash hash = hasher.hash(Password.presented("correct horse battery"));
        Argon2idPasswordHasher stronger = new Argon2idPasswordHasher(new Configuration.Argon2(32_768, 3, 1), new SecureRandom());

        assertThat(hasher.verify(Password.presented("correct horse battery"), hash)).isTrue();
        assertThat(stronger.verify(Password.presented("correct horse battery"), hash)).isTrue();
        assertThat(hasher.verify(Password.presented("correct horse batterY"), hash)).isFalse();
    }

    @Test
    void atMostTheAllowedNumberOfHashesRunAtOnceTheRestWait() throws Exception {
        // Each hash holds m KiB and a core: unbounded, a burst of accepts starves the database pool's
        // threads of CPU (503s) and multiplies the memory. Here 6 callers, 2 allowed at once.
        BlockingSalt salt = new BlockingSalt();
        Argon2idPasswordHasher bounded = new Argon2idPasswordHasher(new Configuration.Argon2(8, 1, 1), salt, 2);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread caller = new Thread(() -> bounded.hash(Password.presented("correct horse battery")));
            callers.add(caller);
            caller.start();
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (!callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
            assertThat(Instant.now()).as("every caller hashing or waiting its turn").isBefore(deadline);
            Thread.onSpinWait();
        }
        int insideAtOnce = salt.inside.get();
        salt.release.countDown();
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        assertThat(insideAtOnce).isEqualTo(2);
        assertThat(salt.calls.get()).as("every caller got its hash").isEqualTo(6);
    }

    /** A salt source that holds every caller inside the hasher until released, counting them. */
    private static final class BlockingSalt implements RandomGenerator {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void nextBytes(byte[] bytes) {
            inside.incrementAndGet();
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
        }

        @Override
        public long nextLong() {
            return 4; // chosen by fair dice roll; the salt's bytes do not matter here
        }
    }

    /** Made with Bouncy Castle 1.81 (before the block pool) from the salt {@link #FIXED_SALT} and "correct horse battery". */
    private static final String STORED_1_81_DEFAULT =
            "$argon2id$v=19$m=19456,t=2,p=1$AxQlNkdYaXqLnK2+z+DxAg$Sys9xB5xeSVtjfmmwdTf7jzAZCDHCI167YLmwjULJTg";
    private static final String STORED_1_81_TWO_LANES =
            "$argon2id$v=19$m=64,t=3,p=2$AxQlNkdYaXqLnK2+z+DxAg$nqXKd/zX0TGDKitC7VVUIATJkZTV8vTSTQgV3w29x5o";

    @Test
    void theSameSaltAndPasswordGiveTheSameHashAsBeforeTheBlocksWereReusedAndStoredHashesStillVerify() {
        Argon2idPasswordHasher fixed = new Argon2idPasswordHasher(new Configuration.Argon2(19_456, 2, 1), FIXED_SALT);
        Password password = Password.presented("correct horse battery");

        assertThat(fixed.hash(password).encoded()).isEqualTo(STORED_1_81_DEFAULT);
        // Blocks back in the pool from the hash above, then more than it holds for a hash of another shape: every
        // block handed out again must be zeroed, or the next hash would differ.
        assertThat(fixed.verify(password, new PasswordHash(STORED_1_81_TWO_LANES))).isTrue();
        assertThat(fixed.verify(Password.presented("correct horse batterY"), new PasswordHash(STORED_1_81_TWO_LANES))).isFalse();
        assertThat(fixed.hash(password).encoded()).isEqualTo(STORED_1_81_DEFAULT);
        assertThat(hasher.verify(password, new PasswordHash(STORED_1_81_DEFAULT))).isTrue();
        assertThat(hasher.verify(Password.presented("correct horse batterY"), new PasswordHash(STORED_1_81_DEFAULT))).isFalse();
    }

    /** Always the same 16 salt bytes: 3, 20, 37, … (i × 17 + 3). */
    private static final RandomGenerator FIXED_SALT = new RandomGenerator() {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 17 + 3);
            }
        }

        @Override
        public long nextLong() {
            throw new AssertionError("only the salt is drawn");
        }
    };

    @Test
    void anUnknownOrBrokenHashNeverVerifies() {
        Password password = Password.presented("anything at all");
        assertThat(hasher.verify(password, new PasswordHash("$2a$10$abcdefghijklmnopqrstuv"))).isFalse();
        assertThat(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=x,t=2,p=1$AAAA$BBBB"))).isFalse();
        assertThat(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$!!!$###"))).isFalse();
        assertThat(hasher.verify(password, new PasswordHash("$argon2id$v=19$m=1,t=0,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).isFalse();
    }

    @Test
    void hashesAtOnceAreOnePerCoreBoundedByHalfTheHeap() {
        long mib = 1024L * 1024;
        assertThat(Argon2idPasswordHasher.atOnce(19_456, 2, 128 * mib)).isEqualTo(2);
        assertThat(Argon2idPasswordHasher.atOnce(19_456, 16, 128 * mib)).as("64 MiB hold three of 19 MiB").isEqualTo(3);
        assertThat(Argon2idPasswordHasher.atOnce(19_456, 16, 8 * mib)).as("never none").isEqualTo(1);
        assertThat(Argon2idPasswordHasher.atOnce(64, 4, 128 * mib)).isEqualTo(4);
    }
}

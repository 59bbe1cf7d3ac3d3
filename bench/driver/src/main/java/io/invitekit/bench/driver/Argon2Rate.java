package io.invitekit.bench.driver;

import io.invitekit.bootstrap.Argon2idPasswordHasher;
import io.invitekit.bootstrap.Configuration;
import io.invitekit.domain.account.Password;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accept benchmark's baseline, run as its own JVM with the server's flags: the server's own
 * Argon2id hasher with the default parameters, on as many threads as there are cores, for a
 * fixed time. Prints {@code ARGON2 <hashes> <seconds>}. Arguments: threads, seconds.
 */
public final class Argon2Rate {
    private Argon2Rate() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        Configuration.Argon2 parameters = Configuration.from(java.util.Map.of()).argon2();
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(parameters, new SecureRandom());
        Password password = Password.presented("the owner password");
        for (int i = 0; i < 10; i++) {
            hasher.hash(password); // warm-up
        }
        AtomicLong hashes = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    hasher.hash(password);
                    hashes.incrementAndGet();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("ARGON2 %d %.3f m=%d t=%d p=%d%n", hashes.get(), elapsed, parameters.memoryKib(),
                parameters.iterations(), parameters.parallelism());
    }
}

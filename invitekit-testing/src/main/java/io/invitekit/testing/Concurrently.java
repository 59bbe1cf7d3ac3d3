package io.invitekit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs one task on many threads released at the same instant, and collects what each got. */
public final class Concurrently {
    private Concurrently() {
    }

    /**
     * What one thread got: a value or a failure.
     *
     * @param <T> the type of the task's value
     * @param value what the task returned ({@code null} when it failed)
     * @param failure what the task threw ({@code null} when it returned)
     */
    public record Outcome<T>(T value, Throwable failure) {
        /** @return whether the task returned rather than threw */
        public boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * Starts {@code threads} threads, releases them together into {@code task} (each with its index),
     * and waits for all of them (30 s to start, 60 s each to finish, else it fails).
     *
     * @param <T> the type of the task's value
     * @param threads how many threads run the task
     * @param task what each thread runs, given its index from 0
     * @return each thread's outcome, in index order
     * @throws InterruptedException when interrupted while waiting
     */
    public static <T> List<Outcome<T>> run(int threads, IntFunction<T> task) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.apply(index);
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the threads did not all start");
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>(threads);
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(60, TimeUnit.SECONDS), null));
                } catch (ExecutionException failed) {
                    outcomes.add(new Outcome<>(null, failed.getCause()));
                } catch (TimeoutException hung) {
                    throw new IllegalStateException("a racing thread did not finish within 60 s", hung);
                }
            }
            return outcomes;
        } finally {
            executor.shutdownNow();
        }
    }
}

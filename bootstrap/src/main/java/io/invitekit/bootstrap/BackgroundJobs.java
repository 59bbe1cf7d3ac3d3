package io.invitekit.bootstrap;

import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay, the event dispatcher (events to listeners and webhooks, on the relay's
 * interval, one thread: a batch is a lease, so several nodes share the work) and the expiry
 * sweeper (which also removes rate-limit buckets that have refilled, when they are in the
 * database), each on its own fixed delay. The relay runs on {@code INVITEKIT_RELAY_THREADS}
 * threads ({@value #DEFAULT_RELAY_THREADS} by default): each sends its batch over one SMTP
 * connection, which keeps it busy (the server answers each command at once on a fast network),
 * so a thread per core, not more; claims are leases, so the threads (like several nodes) never
 * take the same email. A relay thread goes on claiming while full batches come back: a backlog
 * drains at the speed of SMTP, not one batch per interval.
 */
final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
    private static final int MAX_BATCHES_PER_RUN = 20;
    /** One per core of the machines it was measured on (bench/notes/delivery.md): more only contend for the CPU. */
    static final int DEFAULT_RELAY_THREADS = 2;

    private final DeliveryUseCase delivery;
    private final int relayBatch;
    private final int sweepBatch;
    private final int webhookBatch;
    private final IntUnaryOperator expiredBuckets;
    private volatile boolean closing;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "invitekit-background");
        thread.setDaemon(true);
        return thread;
    });

    BackgroundJobs(DeliveryUseCase delivery, int relayBatch, int sweepBatch) {
        this(delivery, relayBatch, sweepBatch, batch -> 0);
    }

    /** @param expiredBuckets removes at most the given number of expired rate-limit buckets and says how many */
    BackgroundJobs(DeliveryUseCase delivery, int relayBatch, int sweepBatch, IntUnaryOperator expiredBuckets) {
        this(delivery, relayBatch, sweepBatch, relayBatch, expiredBuckets);
    }

    /** @param webhookBatch how many webhook deliveries one step claims at most (the webhook policy's batch size) */
    BackgroundJobs(DeliveryUseCase delivery, int relayBatch, int sweepBatch, int webhookBatch,
                   IntUnaryOperator expiredBuckets) {
        this.webhookBatch = webhookBatch;
        this.delivery = delivery;
        this.relayBatch = relayBatch;
        this.sweepBatch = sweepBatch;
        this.expiredBuckets = expiredBuckets;
    }

    void start(Duration relayInterval, Duration sweepInterval) {
        start(relayInterval, sweepInterval, DEFAULT_RELAY_THREADS);
    }

    /** @param relayThreads how many threads run the relay (0: this node sends no email) */
    void start(Duration relayInterval, Duration sweepInterval, int relayThreads) {
        ((ScheduledThreadPoolExecutor) scheduler).setCorePoolSize(relayThreads + 3);
        for (int i = 0; i < relayThreads; i++) {
            long stagger = relayInterval.toMillis() * i / relayThreads;
            scheduler.scheduleWithFixedDelay(this::relay, stagger, relayInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(this::dispatchEvents, relayInterval.toMillis() / 2, relayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::deliverWebhooks, relayInterval.toMillis() * 3 / 4, relayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::sweep, sweepInterval.toMillis(), sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends what is due; keeps going while full batches come back, so that a backlog is sent
     * without waiting for the next run (a batch that is not full means the rest is not due, or
     * another thread or node has it).
     */
    void relay() {
        guarded("outbox relay", () -> {
            while (!closing) {
                RelayReport report = delivery.relayOnce();
                if (report.claimed() < relayBatch) {
                    return;
                }
            }
        });
    }

    /** Hands committed events to listeners and webhooks; keeps going while full batches come back, within a bound. */
    void dispatchEvents() {
        guarded("event dispatcher", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (delivery.dispatchEventsOnce() < relayBatch) {
                    return;
                }
            }
        });
    }

    /** Sends the webhook deliveries that are due; keeps going while full batches come back, within a bound. */
    void deliverWebhooks() {
        guarded("webhook sender", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (delivery.deliverWebhooksOnce().claimed() < webhookBatch) {
                    return;
                }
            }
        });
    }

    void sweep() {
        guarded("expiry sweeper", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (delivery.sweepExpiredOnce() < sweepBatch) {
                    return;
                }
            }
        });
        guarded("rate-limit bucket sweeper", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (expiredBuckets.applyAsInt(sweepBatch) < sweepBatch) {
                    return;
                }
            }
        });
    }

    /** A failed run must not cancel the schedule: log it and try again next time. */
    private static void guarded(String job, Runnable work) {
        try {
            work.run();
        } catch (StoreUnavailableException down) {
            LOG.warn("{} skipped: database unavailable ({})", job, down.getMessage());
        } catch (RuntimeException bug) {
            LOG.error("{} failed", job, bug);
        }
    }

    @Override
    public void close() {
        closing = true; // a relay thread ends its run after the batch it is sending
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
                // Interrupted jobs still record what they handed over (a relay's SENT marks) before the
                // caller closes the database pool; else those emails would go out again after their lease.
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

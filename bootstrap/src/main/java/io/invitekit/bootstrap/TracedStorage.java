package io.invitekit.bootstrap;

import io.invitekit.application.port.out.ForwardingStorage;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.Transactions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;

/**
 * The storage with its transactions traced: a {@value #TRANSACTION} span for each outermost
 * transaction run inside a traced request or relay round. One that joins an outer transaction is
 * part of it, not a span of its own; one run by a background job outside any span (the relay's
 * claim, every second on every thread, mostly finding nothing; the sweeper) is not traced, or an
 * idle server would send spans all day.
 */
final class TracedStorage extends ForwardingStorage {
    static final String TRANSACTION = "invitekit.transaction";

    private final Transactions transactions;

    private TracedStorage(Storage storage, ObservationRegistry observations) {
        super(storage);
        Transactions plain = storage.transactions();
        this.transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                Observation current = observations.getCurrentObservation();
                if (current == null || TRANSACTION.equals(current.getContext().getName())) {
                    return plain.inTransaction(work);
                }
                return Observation.createNotStarted(TRANSACTION, observations).observe(() -> plain.inTransaction(work));
            }
        };
    }

    /** The storage itself when nothing is traced. */
    static Storage of(Storage storage, ObservationRegistry observations) {
        return observations.isNoop() ? storage : new TracedStorage(storage, observations);
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }
}

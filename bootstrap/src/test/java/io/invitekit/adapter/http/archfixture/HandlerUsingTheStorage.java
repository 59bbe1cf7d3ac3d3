package io.invitekit.adapter.http.archfixture;

import io.invitekit.application.port.out.Storage;

/** A deliberate violation, for proving the driving-adapter rule bites: an HTTP handler reaching past the use cases. */
public final class HandlerUsingTheStorage {
    private final Storage storage;

    public HandlerUsingTheStorage(Storage storage) {
        this.storage = storage;
    }

    public long backlog() {
        return storage.outbox().backlog();
    }
}

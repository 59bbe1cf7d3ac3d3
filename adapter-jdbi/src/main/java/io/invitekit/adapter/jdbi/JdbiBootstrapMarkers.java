package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.BootstrapMarkerSql;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.application.port.out.BootstrapMarkers;
import java.time.Instant;

/** Markers in {@code bootstrap_markers}, one row per marker, placed in the surrounding transaction. */
final class JdbiBootstrapMarkers implements BootstrapMarkers {
    private final Handles handles;

    JdbiBootstrapMarkers(Handles handles) {
        this.handles = handles;
    }

    @Override
    public boolean place(String name, Instant at) {
        return handles.call(BootstrapMarkerSql.class, sql -> sql.insert(name, at)) == 1;
    }

    @Override
    public boolean isPlaced(String name) {
        return handles.call(BootstrapMarkerSql.class, sql -> sql.count(name)) > 0;
    }
}

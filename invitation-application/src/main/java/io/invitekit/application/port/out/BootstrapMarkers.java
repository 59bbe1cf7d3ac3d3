package io.invitekit.application.port.out;

import java.time.Instant;

/**
 * One-time decisions that every process sharing the store must agree on, such as "the first
 * platform admin has been made": a marker, once placed, stays placed, and of several calls
 * placing the same marker at once exactly one places it. The store enforces this (on a
 * database, a primary key), so that several server processes starting together cannot both
 * take the same decision.
 */
public interface BootstrapMarkers {

    /**
     * Places the marker {@code name} unless it is placed.
     *
     * <p>Inside a transaction the marker stands or falls with it: a caller that places it and
     * then rolls back leaves it unplaced. A marker that is placed already is an answer
     * ({@code false}), never a failure: the surrounding transaction stays usable.
     *
     * @return {@code true} when this call placed it, {@code false} when it was placed already
     */
    boolean place(String name, Instant at);

    boolean isPlaced(String name);
}

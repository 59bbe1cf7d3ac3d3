package io.invitekit.application.port.out;

/**
 * An embedder's in-process subscriber ({@code Invitekit.builder().eventListener(…)}). Called after
 * the change committed, from the event log (never inside the transaction), at least once per
 * event: a node that stops before it records the event as dispatched leaves it to be dispatched
 * again, so de-duplicate on {@link Event#id()}. Events of one dispatch round come oldest first;
 * there is no order across rounds or nodes. A listener that throws has the round retried later.
 */
@FunctionalInterface
public interface EventListener {
    void on(Event event);
}

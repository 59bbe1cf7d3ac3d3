package io.invitekit.application.service;

import io.invitekit.application.port.out.Event;
import java.util.List;

/**
 * What the event dispatcher hands each dispatched batch to, inside the transaction that records
 * the batch as dispatched: the webhook service queues one delivery per matching endpoint, so
 * that an event reaches each endpoint once per attempt schedule however many nodes dispatch.
 */
interface EventFanOut {
    void fanOut(List<Event> events);

    EventFanOut NONE = events -> { };
}

package io.invitekit.application.port.in;

/** What operators and their tools read about the running application. */
public interface OperationsUseCase {

    /** Emails waiting to be sent (queued or to be retried). */
    long outboxBacklog();

    /**
     * Refuses ({@code forbidden}) an actor who may not read operational metrics: only platform
     * admins may, unless the deployment made metrics public (which the caller decides).
     */
    void requireMetricsReader(Actor actor);
}

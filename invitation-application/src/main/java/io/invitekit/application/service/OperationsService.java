package io.invitekit.application.service;

import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.OperationsUseCase;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;

/** The outbox's backlog for gauges, and who may read operational metrics. */
public final class OperationsService implements OperationsUseCase {
    private final Outbox outbox;

    public OperationsService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public long outboxBacklog() {
        return outbox.backlog();
    }

    @Override
    public void requireMetricsReader(Actor actor) {
        Access.requireActor(actor);
        if (!actor.isPlatformAdmin()) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only platform admins may read metrics");
        }
    }
}

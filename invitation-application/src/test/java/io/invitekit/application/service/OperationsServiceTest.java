package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.shared.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators read: who may read metrics, and the outbox's backlog. */
class OperationsServiceTest {
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();

    @Test
    void onlyPlatformAdminsReadMetrics() {
        t.kit.operations().requireMetricsReader(admin);

        refused(ErrorCode.FORBIDDEN, () -> t.kit.operations().requireMetricsReader(t.newUser()));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.operations().requireMetricsReader(null));
    }

    @Test
    void theBacklogCountsEmailsQueuedOrWaitingForARetry() {
        assertThat(t.kit.operations().outboxBacklog()).isZero();
        t.invite(admin, "a@example.org");
        t.invite(admin, "b@example.org");
        assertThat(t.kit.operations().outboxBacklog()).isEqualTo(2);

        t.mail.setDown(true);
        t.kit.delivery().relayOnce();
        assertThat(t.kit.operations().outboxBacklog()).as("both wait for a retry").isEqualTo(2);

        t.mail.setDown(false);
        t.clock.advance(Duration.ofMinutes(1));
        t.kit.delivery().relayOnce();
        assertThat(t.kit.operations().outboxBacklog()).isZero();
    }
}

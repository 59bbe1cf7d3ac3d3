package io.invitekit.domain.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transition table of SPEC §2.2, row by row; an empty "to" means the action is forbidden. */
class InvitationStatusTest {

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource(nullValues = "-", value = {
            "PENDING,   ACCEPT, ACCEPTED",
            "PENDING,   CANCEL, CANCELLED",
            "PENDING,   EXPIRE, EXPIRED",
            "PENDING,   RESEND, PENDING",
            "EXPIRED,   RESEND, PENDING",
            "EXPIRED,   ACCEPT, -",
            "EXPIRED,   CANCEL, -",
            "EXPIRED,   EXPIRE, -",
            "ACCEPTED,  ACCEPT, -",
            "ACCEPTED,  CANCEL, -",
            "ACCEPTED,  EXPIRE, -",
            "ACCEPTED,  RESEND, -",
            "CANCELLED, ACCEPT, -",
            "CANCELLED, CANCEL, -",
            "CANCELLED, EXPIRE, -",
            "CANCELLED, RESEND, -"})
    void followsTheTransitionTable(InvitationStatus from, InvitationAction action, InvitationStatus to) {
        if (to == null) {
            assertThat(from.after(action)).isEmpty();
        } else {
            assertThat(from.after(action)).contains(to);
        }
    }

    @Test
    void acceptedAndCancelledAreTerminal() {
        assertThat(InvitationStatus.ACCEPTED.isTerminal()).isTrue();
        assertThat(InvitationStatus.CANCELLED.isTerminal()).isTrue();
    }

    @Test
    void pendingAndExpiredAreNotTerminal() {
        assertThat(InvitationStatus.PENDING.isTerminal()).isFalse();
        assertThat(InvitationStatus.EXPIRED.isTerminal()).isFalse();
    }
}

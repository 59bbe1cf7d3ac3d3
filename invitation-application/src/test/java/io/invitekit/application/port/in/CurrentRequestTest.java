package io.invitekit.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurrentRequestTest {
    @AfterEach
    void end() {
        CurrentRequest.end();
    }

    @Test
    void anIdLongerThanTheOutboxKeepsIsCutAndABlankOneIsNone() {
        CurrentRequest.begin("r".repeat(500));
        assertThat(CurrentRequest.id()).hasSize(CurrentRequest.MAX_LENGTH);

        CurrentRequest.begin("  ");
        assertThat(CurrentRequest.id()).isNull();

        CurrentRequest.begin("abc123");
        assertThat(CurrentRequest.id()).isEqualTo("abc123");
    }
}

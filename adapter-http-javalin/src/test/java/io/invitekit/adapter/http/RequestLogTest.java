package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request log never shows a secret carried in a path. */
class RequestLogTest {

    @Test
    void tenantInvitationTokensAreRedacted() {
        assertThat(RequestLog.redact("/api/platform/tenant-invitations/token/abcDEF123_-xyz/accept"))
                .isEqualTo("/api/platform/tenant-invitations/token/[redacted]/accept");
        assertThat(RequestLog.redact("/api/platform/tenant-invitations/token/abc"))
                .isEqualTo("/api/platform/tenant-invitations/token/[redacted]");
    }

    @Test
    void memberInvitationTokensAreRedacted() {
        assertThat(RequestLog.redact("/api/invitations/token/abcDEF123_-xyz"))
                .isEqualTo("/api/invitations/token/[redacted]");
        assertThat(RequestLog.redact("/api/invitations/token/abcDEF123_-xyz/accept"))
                .isEqualTo("/api/invitations/token/[redacted]/accept");
        assertThat(RequestLog.redact("/invitekit/api/invitations/token/abc/accept"))
                .as("under a host's path").isEqualTo("/invitekit/api/invitations/token/[redacted]/accept");
    }

    @Test
    void theJoinLinksCodeIsRedacted() {
        assertThat(RequestLog.redact("/join/7KQ2-M9XD")).isEqualTo("/join/[redacted]");
        assertThat(RequestLog.redact("/join/7KQ2M9XD/")).isEqualTo("/join/[redacted]/");
    }

    @Test
    void pathsWithoutSecretsStayAsTheyAre() {
        assertThat(RequestLog.redact("/api/me")).isEqualTo("/api/me");
        assertThat(RequestLog.redact("/api/join")).as("its code is in the body").isEqualTo("/api/join");
        assertThat(RequestLog.redact("/join")).isEqualTo("/join");
        assertThat(RequestLog.redact("/api/tenants/0190-ab/invitations/0190-cd/resend"))
                .isEqualTo("/api/tenants/0190-ab/invitations/0190-cd/resend");
    }
}

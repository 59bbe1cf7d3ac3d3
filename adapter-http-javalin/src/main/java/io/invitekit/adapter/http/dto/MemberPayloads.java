package io.invitekit.adapter.http.dto;

import io.invitekit.adapter.http.dto.AccountPayloads.AuthResponse;
import io.invitekit.adapter.http.dto.InvitationPayloads.DeliveryResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.JoinResponse;
import io.invitekit.adapter.http.dto.TenantPayloads.MemberUserResponse;
import io.invitekit.application.port.in.MemberAcceptResult;
import io.invitekit.application.port.in.MemberInvitationPreview;
import io.invitekit.application.port.in.MemberInvitationView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Bodies of the member endpoints: invitations into a tenant, accepting them, managing members. */
public final class MemberPayloads {
    private MemberPayloads() {
    }

    /** {@code role} is read by the use case's builder, which refuses unknown names as a field error. */
    public record InviteMemberRequest(
            @NotNull @Size(max = 254) String email,
            @NotNull @Size(max = 32) String role,
            Integer expiresInDays) {
    }

    public record ChangeRoleRequest(@NotNull @Size(max = 32) String role) {
    }

    public record TransferOwnershipRequest(@NotNull @Size(max = 64) String userId) {
    }

    /** Accepting with Invitekit's own account: its password, or a password and names for a new one. */
    public record AcceptMemberInvitationRequest(
            @NotNull @Size(max = 512) String password,
            @Size(max = 200) String firstName,
            @Size(max = 200) String lastName) {
        @Override
        public String toString() {
            return "AcceptMemberInvitationRequest[redacted]";
        }
    }

    public record MemberInvitationResponse(
            String id, String tenantId, String email, String role, String status, MemberUserResponse invitedBy,
            Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant cancelledAt, String acceptedBy,
            int resendCount, Instant lastSentAt, DeliveryResponse delivery) {

        public static MemberInvitationResponse of(MemberInvitationView v) {
            return new MemberInvitationResponse(v.id().toString(), v.tenantId().toString(), v.email(), v.role().name(),
                    v.status().name(), v.invitedBy() == null ? null : MemberUserResponse.of(v.invitedBy()),
                    v.createdAt(), v.expiresAt(), v.acceptedAt(), v.cancelledAt(), InvitationPayloads.text(v.acceptedBy()),
                    v.resendCount(), v.lastSentAt(), v.delivery() == null ? null
                    : new DeliveryResponse(v.delivery().state(), v.delivery().attempts(), v.delivery().lastError()));
        }
    }

    public record MemberInvitationPreviewResponse(String tenantName, String inviterName, String role, String email,
                                                  Instant expiresAt, String status) {
        public static MemberInvitationPreviewResponse of(MemberInvitationPreview p) {
            return new MemberInvitationPreviewResponse(p.tenantName(), p.inviterName(), p.role().name(), p.email(),
                    p.expiresAt(), p.status().name());
        }
    }

    /** Signed in by the accept itself: the tokens, and the membership. */
    public record MemberAcceptResponse(AuthResponse auth, JoinResponse membership) {
        public static MemberAcceptResponse of(MemberAcceptResult result) {
            return new MemberAcceptResponse(AuthResponse.of(result.auth()), JoinResponse.of(result.membership()));
        }

        @Override
        public String toString() {
            return "MemberAcceptResponse[redacted]";
        }
    }
}

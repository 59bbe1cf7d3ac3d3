package io.invitekit.adapter.http.dto;

import io.invitekit.application.port.in.InvitationPreview;
import io.invitekit.application.port.in.InvitationView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** Bodies of the tenant invitation endpoints. */
public final class InvitationPayloads {
    private InvitationPayloads() {
    }

    public record CreateInvitationRequest(
            @NotNull @Size(max = 254) String email,
            @Size(max = 200) String suggestedBusinessName,
            @Size(max = 32) String subscriptionTier,
            Integer customMaxUsers,
            Integer customMaxResources,
            @Size(max = 64) Map<String, Boolean> permissions,
            @Size(max = 64) Map<String, Boolean> featureFlags,
            Integer expiresInDays,
            @Size(max = 63) String reservedSubdomain,
            @Size(max = 35) String locale) {
    }

    /** Accepting as the host's signed-in user: no password, the user is the caller. */
    public record AcceptAsUserRequest(
            @NotNull @Size(max = 200) String businessName,
            @NotNull @Size(max = 253) String subdomain,
            @Size(max = 254) String contactEmail,
            @Size(max = 32) String phone) {
    }

    public record AcceptInvitationRequest(
            @NotNull @Size(max = 512) String password,
            @Size(max = 200) String firstName,
            @Size(max = 200) String lastName,
            @NotNull @Size(max = 200) String businessName,
            @NotNull @Size(max = 253) String subdomain,
            @Size(max = 254) String contactEmail,
            @Size(max = 32) String phone) {
        @Override
        public String toString() {
            return "AcceptInvitationRequest[redacted]";
        }
    }

    public record InviterResponse(String id, String email, String name) {
    }

    public record DeliveryResponse(String state, int attempts, String lastError) {
    }

    public record InvitationResponse(
            String id, String email, String status, String suggestedBusinessName, String subscriptionTier,
            Integer customMaxUsers, Integer customMaxResources, Integer maxUsers, Integer maxResources,
            Map<String, Boolean> permissions, Map<String, Boolean> featureFlags, String reservedSubdomain,
            InviterResponse invitedBy, Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant cancelledAt,
            String createdTenantId, String createdUserId, int resendCount, Instant lastSentAt,
            DeliveryResponse delivery, String locale) {

        public static InvitationResponse of(InvitationView v) {
            return new InvitationResponse(v.id().toString(), v.email(), v.status().name(), v.suggestedBusinessName(),
                    v.subscriptionTier(), v.customMaxUsers(), v.customMaxResources(), v.maxUsers(), v.maxResources(),
                    WireNames.permissions(v.permissions()), v.featureFlags(), v.reservedSubdomain(),
                    new InviterResponse(v.invitedBy().id().toString(), v.invitedBy().email(), v.invitedBy().name()),
                    v.createdAt(), v.expiresAt(), v.acceptedAt(), v.cancelledAt(), text(v.createdTenantId()),
                    text(v.createdUserId()), v.resendCount(), v.lastSentAt(),
                    new DeliveryResponse(v.delivery().state(), v.delivery().attempts(), v.delivery().lastError()),
                    v.locale());
        }
    }

    public record PreviewResponse(
            String email, String suggestedBusinessName, String subscriptionTier, Integer maxUsers, Integer maxResources,
            Map<String, Boolean> permissions, Map<String, Boolean> featureFlags, String reservedSubdomain,
            String inviterName, String locale, Instant expiresAt, String status) {

        public static PreviewResponse of(InvitationPreview p) {
            return new PreviewResponse(p.email(), p.suggestedBusinessName(), p.subscriptionTier(), p.maxUsers(),
                    p.maxResources(), WireNames.permissions(p.permissions()), p.featureFlags(), p.reservedSubdomain(), p.inviterName(),
                    p.locale(), p.expiresAt(), p.status().name());
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

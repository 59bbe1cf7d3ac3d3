package io.invitekit.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.JoinCodeView;
import io.invitekit.application.port.in.JoinResult;
import io.invitekit.application.port.in.MemberView;
import io.invitekit.application.port.in.SubdomainAvailability;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.UserView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Bodies of the tenant, join-code and subdomain endpoints. */
public final class TenantPayloads {
    private TenantPayloads() {
    }

    public record CreateTenantRequest(
            @NotNull @Size(max = 200) String name,
            @Size(max = 253) String subdomain,
            @Size(max = 254) String contactEmail,
            @Size(max = 32) String phone) {
    }

    public record RotateCodeRequest(Integer validForHours, Integer maxUses) {
        /** An empty body: a code without limits. */
        public static final RotateCodeRequest NO_LIMITS = new RotateCodeRequest(null, null);

    }

    public record JoinRequest(@NotNull @Size(max = 64) String code) {
    }

    /** Email and names are null for a user the directory no longer knows. */
    public record MemberUserResponse(String id, String email, String firstName, String lastName) {
        public static MemberUserResponse of(UserView user) {
            return new MemberUserResponse(user.id().toString(), user.email(), user.firstName(), user.lastName());
        }
    }

    public record MemberResponse(MemberUserResponse user, String role, Instant joinedAt) {
        public static MemberResponse of(MemberView m) {
            return new MemberResponse(MemberUserResponse.of(m.user()), m.role().name(), m.joinedAt());
        }

        public static MemberResponse of(TenantView.Member m) {
            return new MemberResponse(MemberUserResponse.of(m.user()), m.role().name(), m.joinedAt());
        }
    }

    /**
     * {@code members} and {@code membersNextCursor} are left out when the reader is not entitled to
     * them (lists for admins). With them, the cursor is a JSON null when every member is shown:
     * a {@link NullNode}, which {@code NON_NULL} keeps, unlike a Java null.
     */
    public record TenantResponse(
            String id, String name, String subdomain, String domain, String subscriptionTier, Integer maxUsers,
            Integer maxResources, Map<String, Boolean> permissions, Map<String, Boolean> featureFlags, boolean active,
            String contactEmail, String phone, Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<MemberResponse> members,
            @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode membersNextCursor,
            UsageResponse usage) {

        public static TenantResponse of(TenantView t, boolean withMembers) {
            return new TenantResponse(t.id().toString(), t.name(), t.subdomain(), t.domain(), t.subscriptionTier(),
                    t.maxUsers(), t.maxResources(), WireNames.permissions(t.permissions()), t.featureFlags(), t.active(), t.contactEmail(),
                    t.phone(), t.createdAt(), withMembers ? t.members().stream().map(MemberResponse::of).toList() : null,
                    !withMembers ? null : t.membersNextCursor() == null ? NullNode.getInstance()
                            : TextNode.valueOf(t.membersNextCursor()),
                    UsageResponse.of(t.usage()));
        }
    }

    /** What a tenant uses of its seats ({@code maxUsers}): members and member invitations still pending. */
    public record UsageResponse(long members, long pendingInvitations) {
        public static UsageResponse of(TenantView.Usage usage) {
            return usage == null ? new UsageResponse(0, 0) : new UsageResponse(usage.members(), usage.pendingInvitations());
        }
    }

    /** An invitation accepted as the host's signed-in user: the tenant; the host signs its user in itself. */
    public record AcceptedResponse(String ownerId, TenantResponse tenant) {
        public static AcceptedResponse of(AcceptedInvitation accepted) {
            return new AcceptedResponse(accepted.owner().toString(), TenantResponse.of(accepted.tenant(), true));
        }
    }

    public record AcceptResponse(AccountPayloads.UserResponse user, TenantResponse tenant, String accessToken,
                                 String refreshToken, String tokenType, long expiresIn) {
        public static AcceptResponse of(AcceptResult result) {
            return new AcceptResponse(AccountPayloads.UserResponse.of(result.auth().user()),
                    TenantResponse.of(result.tenant(), true), result.auth().accessToken(), result.auth().refreshToken(),
                    "Bearer", result.auth().expiresInSeconds());
        }

        @Override
        public String toString() {
            return "AcceptResponse[redacted]";
        }
    }

    /** A live code; {@link #of} gives {@link JoinCodeOffResponse} while joining by code is off. */
    public record JoinCodeResponse(boolean enabled, String code, String display, Instant expiresAt, Integer maxUses,
                                   int uses) {
        public static Object of(JoinCodeView v) {
            return v.enabled()
                    ? new JoinCodeResponse(true, v.code(), v.display(), v.expiresAt(), v.maxUses(), v.uses())
                    : new JoinCodeOffResponse(false);
        }
    }

    /** Joining by code is turned off: there is no code. */
    public record JoinCodeOffResponse(boolean enabled) {
    }

    public record JoinedTenant(String id, String name) {
    }

    public record JoinResponse(JoinedTenant tenant, String role, boolean alreadyMember) {
        public static JoinResponse of(JoinResult r) {
            return new JoinResponse(new JoinedTenant(r.tenantId().toString(), r.tenantName()), r.role().name(),
                    r.alreadyMember());
        }
    }

    public record AvailabilityResponse(String subdomain, boolean available, String reason, List<String> suggestions) {
        public static AvailabilityResponse of(SubdomainAvailability a) {
            return new AvailabilityResponse(a.subdomain(), a.available(), WireNames.refusal(a.reason()), a.suggestions());
        }
    }

    /** Where the owner continues payment onboarding; {@code null} when there is nowhere to go. */
    public record PaymentOnboardingResponse(String redirectUrl) {
    }

    public record PageResponse<T>(List<T> items, String nextCursor) {
    }
}

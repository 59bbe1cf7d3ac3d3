package io.invitekit.adapter.http.dto;

import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.MembershipView;
import io.invitekit.application.port.in.UserView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Bodies of the account endpoints. Field names go out in snake_case. */
public final class AccountPayloads {
    private AccountPayloads() {
    }

    public record SignupRequest(
            @NotNull @Size(max = 254) String email,
            @NotNull @Size(max = 512) String password,
            @NotNull @Size(max = 200) String firstName,
            @NotNull @Size(max = 200) String lastName) {
        @Override
        public String toString() {
            return "SignupRequest[redacted]";
        }
    }

    public record LoginRequest(@NotNull @Size(max = 254) String email, @NotNull @Size(max = 512) String password) {
        @Override
        public String toString() {
            return "LoginRequest[redacted]";
        }
    }

    public record RefreshRequest(@NotNull @Size(max = 100) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[redacted]";
        }
    }

    public record PasswordResetRequest(@NotNull @Size(max = 254) String email) {
        @Override
        public String toString() {
            return "PasswordResetRequest[redacted]";
        }
    }

    /** The one answer to a reset request, whether or not the email has an account. */
    public record PasswordResetAccepted(String detail) {
        public static final PasswordResetAccepted ANSWER = new PasswordResetAccepted(
                "if an account has this email, a link to choose a new password is on its way");
    }

    public record PasswordResetConfirmRequest(@NotNull @Size(max = 100) String token,
                                              @NotNull @Size(max = 512) String password) {
        @Override
        public String toString() {
            return "PasswordResetConfirmRequest[redacted]";
        }
    }

    public record VerifyEmailRequest(@NotNull @Size(max = 100) String token, @Size(max = 512) String password) {
        @Override
        public String toString() {
            return "VerifyEmailRequest[redacted]";
        }
    }

    public record VerificationResendRequest(@NotNull @Size(max = 254) String email) {
        @Override
        public String toString() {
            return "VerificationResendRequest[redacted]";
        }
    }

    /**
     * The one answer to a resend request (whether or not the email has an account, is verified
     * or waits for its cooldown), and to a sign-up when verified emails are required (whether
     * or not the email was taken).
     */
    public record CheckYourEmail(String detail) {
        public static final CheckYourEmail RESEND = new CheckYourEmail(
                "if an account with this email waits for its verification, a new link is on its way");
        public static final CheckYourEmail SIGNUP = new CheckYourEmail(
                "check your email: the link in it confirms your address, then you can log in");
    }

    public record UserResponse(String id, String email, String firstName, String lastName, String platformRole) {
        public static UserResponse of(UserView user) {
            return new UserResponse(user.id().toString(), user.email(), user.firstName(), user.lastName(),
                    user.platformRole().name());
        }
    }

    public record AuthResponse(UserResponse user, String accessToken, String refreshToken, String tokenType,
                               long expiresIn) {
        public static AuthResponse of(AuthResult auth) {
            return new AuthResponse(UserResponse.of(auth.user()), auth.accessToken(), auth.refreshToken(), "Bearer",
                    auth.expiresInSeconds());
        }

        @Override
        public String toString() {
            return "AuthResponse[redacted]";
        }
    }

    /** The first page of the memberships; {@code membershipsNextCursor} continues at /api/me/memberships. */
    public record MeResponse(UserResponse user, boolean emailVerified, String locale,
                             List<MembershipResponse> memberships, String membershipsNextCursor) {
        public static MeResponse of(MeView me) {
            return new MeResponse(UserResponse.of(me.user()), me.emailVerified(), me.locale(),
                    me.memberships().stream().map(MembershipResponse::of).toList(), me.membershipsNextCursor());
        }
    }

    public record MembershipResponse(TenantRef tenant, String role, Instant joinedAt) {
        public static MembershipResponse of(MembershipView m) {
            return new MembershipResponse(new TenantRef(m.tenantId().toString(), m.tenantName(), m.subdomain()),
                    m.role().name(), m.joinedAt());
        }
    }

    public record TenantRef(String id, String name, String subdomain) {
    }
}

package io.invitekit.adapter.http.dto;

import io.invitekit.application.port.in.SessionView;
import io.invitekit.application.port.in.UserView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Bodies of the pages' session, the caller's sessions, password and name. Field names go out in snake_case. */
public final class SessionPayloads {
    private SessionPayloads() {
    }

    /** Either {@code email} and {@code password} (a log-in), or {@code access_token} (a trade). */
    public record SessionRequest(@Size(max = 254) String email, @Size(max = 512) String password,
                                 @Size(max = 100) String accessToken) {
        public boolean isTrade() {
            return accessToken != null;
        }

        public boolean isMixed() {
            return accessToken != null && (email != null || password != null);
        }

        @Override
        public String toString() {
            return "SessionRequest[redacted]";
        }
    }

    /** The answer to a log-in for the pages: the user; the session is in the cookie. */
    public record SignedInResponse(AccountPayloads.UserResponse user) {
        public static SignedInResponse of(UserView user) {
            return new SignedInResponse(AccountPayloads.UserResponse.of(user));
        }
    }

    public record RenameRequest(@NotNull @Size(max = 200) String firstName, @NotNull @Size(max = 200) String lastName) {
    }

    /** The account's language ({@code "de"}), or null for none (follow the browser). */
    public record LocaleRequest(@Size(max = 35) String locale) {
    }

    public record PasswordChangeRequest(@NotNull @Size(max = 512) String currentPassword,
                                        @NotNull @Size(max = 512) String newPassword) {
        @Override
        public String toString() {
            return "PasswordChangeRequest[redacted]";
        }
    }

    public record SessionResponse(String id, String kind, Instant createdAt, Instant lastUsedAt, String clientAddress,
                                  String userAgent, boolean current) {
        public static SessionResponse of(SessionView s) {
            return new SessionResponse(s.id().toString(), WireNames.sessionKind(s.kind()), s.createdAt(), s.lastUsedAt(),
                    s.clientAddress(), s.userAgent(), s.current());
        }
    }

    public record SessionsResponse(List<SessionResponse> items) {
    }

    public record RevokedResponse(int revoked) {
    }
}

package io.invitekit.application.port.in;

import java.time.Instant;

/**
 * An email the relay gave up on, for operators: its id (what {@link OperationsUseCase#retryDeadEmail}
 * takes), its kind ({@code tenant_invitation}, {@code password_reset}), whom it was for, what it
 * was about (an invitation's id), how often it was tried and the last error.
 */
public record DeadEmailView(String id, String kind, String recipient, String aboutId, int attempts, String lastError,
                            Instant queuedAt) {
}

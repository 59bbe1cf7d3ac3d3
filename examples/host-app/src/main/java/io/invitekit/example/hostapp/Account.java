package io.invitekit.example.hostapp;

import java.util.UUID;

/**
 * A user of the host application, as its own {@code accounts} table keeps them. Invitekit never
 * sees this type: the {@link HostUserDirectory} and the {@link InvitekitBridge} translate it.
 */
public record Account(UUID id, String email, String name, boolean emailVerified, boolean admin) {
}

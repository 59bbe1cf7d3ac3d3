package io.invitekit.domain.shared;

import java.util.Optional;
import java.util.UUID;

/** A typed id: a time-ordered UUID that cannot be mixed up with another kind of id. */
public interface Identifier {
    UUID value();

    static UUID require(UUID value) {
        if (value == null) {
            throw new InvalidValueException("an id is required");
        }
        return value;
    }

    /** The UUID in {@code text}, or empty when it is not one (a path segment, say). */
    static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            // UUID.fromString also reads signs ("+0000000-…"): only the canonical text form is an id.
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}

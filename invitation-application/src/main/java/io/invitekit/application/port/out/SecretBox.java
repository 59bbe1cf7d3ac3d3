package io.invitekit.application.port.out;

/**
 * Keeps secrets that must be read back (webhook signing secrets: HMAC needs them, so they cannot
 * be digests) unreadable at rest: {@link #seal} encrypts and authenticates, {@link #open} gives
 * the bytes back and refuses anything tampered with or sealed under another key.
 */
public interface SecretBox {

    byte[] seal(byte[] plain);

    /** @throws IllegalStateException when {@code sealed} was not sealed by this box's key, or was altered */
    byte[] open(byte[] sealed);
}

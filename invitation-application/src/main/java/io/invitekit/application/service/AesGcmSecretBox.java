package io.invitekit.application.service;

import io.invitekit.application.port.out.SecretBox;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per seal: sealed = version byte, nonce, ciphertext and
 * tag. The key never leaves this object (nor its {@code toString}).
 */
public final class AesGcmSecretBox implements SecretBox {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param key 32 bytes (AES-256), copied */
    public AesGcmSecretBox(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = new SecureRandom();
    }

    /** A key of its own, for one process (in-memory use): what it seals is unreadable after a restart. */
    public static AesGcmSecretBox withRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new AesGcmSecretBox(key);
    }

    @Override
    public byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(new byte[] {FORMAT});
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException unexpected) {
            throw new IllegalStateException("AES-GCM is not available: " + unexpected.getClass().getSimpleName());
        }
    }

    @Override
    public byte[] open(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new IllegalStateException("not a sealed secret of this format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1,
                    1 + NONCE_BYTES)));
            cipher.updateAAD(new byte[] {FORMAT});
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException wrongKeyOrAltered) {
            throw new IllegalStateException("the sealed secret does not open with this key (another key, or altered)");
        }
    }

    @Override
    public String toString() {
        return "AesGcmSecretBox[key redacted]";
    }
}

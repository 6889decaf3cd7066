package dev.poet.core.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals one recorded execution: format byte {@code 1} and the plain bytes without a key; with one, format byte
 * {@code 2}, a random 96-bit nonce and AES-GCM ciphertext with its 128-bit tag, the method key and execution id as
 * associated data (so a record moved to another method or execution fails to open instead of passing as that one).
 */
final class RecordCipher {

    private static final byte PLAIN = 1;
    private static final byte GCM = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    RecordCipher(byte[] key) {
        this.key = key == null ? null : new SecretKeySpec(key.clone(), "AES");
    }

    boolean encrypting() {
        return key != null;
    }

    byte[] seal(byte[] plain, String aad) {
        if (key == null) {
            byte[] out = new byte[plain.length + 1];
            out[0] = PLAIN;
            System.arraycopy(plain, 0, out, 1, plain.length);
            return out;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(GCM).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK: " + e.getMessage(), e);
        }
    }

    /** The plain bytes of {@code blob}; a wrong key, no key, or a record of another method/execution is refused. */
    byte[] open(byte[] blob, String aad, String where) throws RecordKeyMismatchException {
        if (blob.length == 0) {
            throw new RecordKeyMismatchException("an empty recorded execution in " + where);
        }
        if (blob[0] == PLAIN) {
            return Arrays.copyOfRange(blob, 1, blob.length);
        }
        if (blob[0] != GCM) {
            throw new RecordKeyMismatchException("a recorded execution in " + where + " has unknown format " + blob[0]);
        }
        if (key == null) {
            throw new RecordKeyMismatchException("recorded inputs in " + where + " are encrypted and "
                    + RecordKey.CONFIG_KEY + " is not set: give the key they were written with");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, NONCE_BYTES));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new RecordKeyMismatchException("recorded inputs in " + where + " were encrypted with another key: "
                    + RecordKey.CONFIG_KEY + " does not match the one they were written with (or the data was altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK: " + e.getMessage(), e);
        }
    }
}

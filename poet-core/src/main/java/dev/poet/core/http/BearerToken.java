package dev.poet.core.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time: both sides are hashed first, so neither the
 * position of the first wrong character nor the token's length shows in the time taken.
 */
final class BearerToken {

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    BearerToken(String token) {
        this.expectedDigest = digest(token);
    }

    boolean matches(String authorization) {
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            // Still hash something, so a missing header costs what a wrong one does.
            MessageDigest.isEqual(expectedDigest, digest(""));
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}

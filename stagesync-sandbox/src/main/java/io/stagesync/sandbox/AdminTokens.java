package io.stagesync.sandbox;

import java.security.SecureRandom;
import java.util.Base64;

/** Admin tokens for a sandbox run: 32 random bytes, URL-safe Base64 (43 characters). */
final class AdminTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
